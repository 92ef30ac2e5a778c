/**
 * The DynamoDB implementations of the connector's stores, all in one single table ({@link
 * dev.errorbridge.connector.store.dynamodb.ErrorbridgeTable}), and the helpers they share: key
 * spelling, attribute reading, SDK failure translation and the large-entry codec. Each store
 * implements an interface that lives beside the code that uses it ({@code connection}, {@code
 * poll}, {@code audit}, {@code deadletter}, {@code webhook}, {@code settings}, {@code store}); this
 * package depends on those, never the other way round.
 */
package dev.errorbridge.connector.store.dynamodb;
