/**
 * Mapping failed executions to EventBridge {@code PutEvents} entries: schema v1 of the event
 * contract.
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.mapping.FailedExecutionMapper} and its {@link
 *       dev.errorbridge.connector.mapping.DefaultFailedExecutionMapper}: {@code FailedExecution} to
 *       {@link dev.errorbridge.connector.mapping.MappedEvent};
 *   <li>{@link dev.errorbridge.connector.mapping.MappingOptions}: source name, raw payload, size
 *       budget;
 *   <li>{@link dev.errorbridge.connector.mapping.EventIds}: the deterministic event id;
 *   <li>{@link dev.errorbridge.connector.mapping.ConnectionTestEvents}: the test event the settings
 *       API sends;
 *   <li>{@link dev.errorbridge.connector.mapping.EntrySize}: AWS's entry size formula.
 * </ul>
 *
 * The JSON Schemas of the details are on the classpath under {@code schema/}; {@code
 * docs/event-schema.md} describes the contract.
 */
package dev.errorbridge.connector.mapping;
