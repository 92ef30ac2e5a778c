/** The Trigify adapter: {@link dev.errorbridge.connector.platform.trigify.TrigifyFailureSource}. */
package dev.errorbridge.connector.platform.trigify;
