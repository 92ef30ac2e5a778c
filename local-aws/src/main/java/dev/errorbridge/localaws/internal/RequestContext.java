package dev.errorbridge.localaws.internal;

import java.time.Instant;

/**
 * Who signed a request and where it is addressed: resources are always looked up in this account
 * and region.
 *
 * @param accountId the account that owns the signing access key
 * @param region the region named in the SigV4 credential scope
 * @param accessKeyId the access key that signed the request
 * @param receivedAt when the server received the request
 */
public record RequestContext(
    String accountId, String region, String accessKeyId, Instant receivedAt) {}
