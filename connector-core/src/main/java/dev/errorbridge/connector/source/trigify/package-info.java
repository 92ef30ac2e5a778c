/** The Trigify adapter: {@link dev.errorbridge.connector.source.trigify.TrigifyFailureSource}. */
package dev.errorbridge.connector.source.trigify;
