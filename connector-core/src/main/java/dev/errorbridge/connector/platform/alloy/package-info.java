/**
 * The Alloy Embedded adapter: {@link dev.errorbridge.connector.platform.alloy.AlloyFailureSource}
 * polls {@code GET /logs}, and {@link
 * dev.errorbridge.connector.platform.alloy.DefaultAlloyExecutionResolver} finds the execution an
 * error webhook names by its uuid, so both describe a failure the same way.
 */
package dev.errorbridge.connector.platform.alloy;
