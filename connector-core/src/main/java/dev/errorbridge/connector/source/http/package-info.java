/**
 * The adapters' shared plumbing, not an API: {@link
 * dev.errorbridge.connector.source.http.SourceHttpClient} (JDK {@code HttpClient} GETs, status to
 * exception, timeouts, body limit), {@link dev.errorbridge.connector.source.http.JsonFields}
 * (defensive JSON reading with field paths in errors), {@link
 * dev.errorbridge.connector.source.http.SourceTimestamps}, {@link
 * dev.errorbridge.connector.source.http.RetryAfter}, {@link
 * dev.errorbridge.connector.source.http.RequestRateGate}, {@link
 * dev.errorbridge.connector.source.http.ScanSession} and {@link
 * dev.errorbridge.connector.source.http.FailureFactory}.
 */
package dev.errorbridge.connector.source.http;
