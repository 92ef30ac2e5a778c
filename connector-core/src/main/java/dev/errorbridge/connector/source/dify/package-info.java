/**
 * The Dify service-API adapter: {@link dev.errorbridge.connector.source.dify.DifyFailureSource}.
 */
package dev.errorbridge.connector.source.dify;
