/**
 * The Dify service-API adapter: {@link dev.errorbridge.connector.platform.dify.DifyFailureSource}.
 */
package dev.errorbridge.connector.platform.dify;
