/**
 * The one list of platforms ({@link dev.errorbridge.connector.platform.registry.PlatformRegistry}).
 * It depends on every platform package; the platforms depend on the SPI in {@code platform}, never
 * on this package or on each other.
 */
package dev.errorbridge.connector.platform.registry;
