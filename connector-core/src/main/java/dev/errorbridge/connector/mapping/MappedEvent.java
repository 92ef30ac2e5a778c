package dev.errorbridge.connector.mapping;

import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * A failure mapped to a {@code PutEvents} entry, ready to publish.
 *
 * @param eventId the deterministic event id carried in the detail: the same failure always maps to
 *     the same id, whether it arrived by poll or webhook, so consumers can deduplicate
 * @param entry the entry, without {@code EventBusName} (the publisher sets the destination's bus)
 * @param sizeBytes the entry's size by AWS's formula (14 bytes for {@code Time} + UTF-8 bytes of
 *     {@code Source}, {@code DetailType}, {@code Detail} and each resource)
 * @param truncated whether the detail was shrunk to fit the size budget
 */
public record MappedEvent(
    String eventId, PutEventsRequestEntry entry, long sizeBytes, boolean truncated) {}
