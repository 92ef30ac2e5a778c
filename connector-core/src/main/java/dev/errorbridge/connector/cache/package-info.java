/**
 * What a process keeps per connection, bounded and forgotten once idle: {@link
 * dev.errorbridge.connector.cache.ConnectionCache}. A leaf package (it depends on nothing of the
 * connector) so that every package keeping per-connection values, the publisher and the platforms
 * included, can use it without a package cycle.
 */
package dev.errorbridge.connector.cache;
