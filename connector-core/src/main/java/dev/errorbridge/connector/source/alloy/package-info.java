/**
 * The Alloy Embedded adapter: {@link dev.errorbridge.connector.source.alloy.AlloyFailureSource}.
 */
package dev.errorbridge.connector.source.alloy;
