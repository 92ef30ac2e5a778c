/**
 * Reading failed executions from the platforms' APIs: the poll SPI every platform's adapter
 * implements, and that the poll engine drives. The adapters live in their platforms' packages
 * ({@code platform.<id>}); this package knows none of them.
 *
 * <h2>Shape</h2>
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.source.SourceConnection}: one connection's tenant, id,
 *       platform, base URL, decrypted API key (a masked {@code SecretValue}), timeout, lookback and
 *       {@link dev.errorbridge.connector.source.PlatformOptions} (each platform's own record, in
 *       its package {@code platform.<id>}), read from the settings API's option map by the
 *       platform's plug-in ({@code platform.PollSupport});
 *   <li>{@link dev.errorbridge.connector.source.FailureSourceFactory} / {@link
 *       dev.errorbridge.connector.poll.DefaultFailureSourceFactory}: the adapter of a connection;
 *   <li>{@link dev.errorbridge.connector.source.FailureSource}: {@code scan} a window ({@link
 *       dev.errorbridge.connector.source.ScanRequest}), handing each page's failures and pending
 *       runs to a {@link dev.errorbridge.connector.source.ScanListener} (asked first, once per
 *       page, which of the page's failures were published already: those get no detail request) and
 *       returning a {@link dev.errorbridge.connector.source.ScanResult}; {@code recheck} a {@link
 *       dev.errorbridge.connector.source.PendingRun} to a {@link
 *       dev.errorbridge.connector.source.RecheckResult} ({@code Terminal}, {@code StillRunning},
 *       {@code SucceededOrIgnored}, {@code NotFound}).
 * </ul>
 *
 * <h2>What the engine does with each outcome</h2>
 *
 * <table>
 *   <caption>Scan outcomes</caption>
 *   <tr><th>Outcome</th><th>Engine</th></tr>
 *   <tr><td>{@code ScanResult.complete()}</td><td>advance the watermark to the request's {@code
 *       before}</td></tr>
 *   <tr><td>{@code complete() == false} (deadline)</td><td>keep the watermark; what was delivered
 *       stays delivered</td></tr>
 *   <tr><td>{@link dev.errorbridge.connector.source.SourceAuthException}</td><td>connection to
 *       ERROR with the message, until an operator fixes the key</td></tr>
 *   <tr><td>{@link dev.errorbridge.connector.source.SourceRateLimitedException}</td><td>pause the
 *       connection for {@code retryAfter()}</td></tr>
 *   <tr><td>{@link dev.errorbridge.connector.source.SourceUnavailableException}</td><td>retry next
 *       cycle, with backoff</td></tr>
 *   <tr><td>{@link dev.errorbridge.connector.source.SourceResponseInvalidException}, {@link
 *       dev.errorbridge.connector.source.SourceRequestRejectedException}, {@link
 *       dev.errorbridge.connector.source.SourceResponseTooLargeException}</td><td>surface to the
 *       operator (on the connection after a few cycles in a row); retrying the same request
 *       cannot help</td></tr>
 *   <tr><td>{@link dev.errorbridge.connector.source.ScanListener#onRowFailed} (a {@link
 *       dev.errorbridge.connector.source.RowFailure}), {@link
 *       dev.errorbridge.connector.source.ScanListener#onRowSkipped}</td><td>a row that could not
 *       be read fails alone and is reported; one that cannot be a failure is counted; the scan
 *       goes on either way</td></tr>
 *   <tr><td>{@link dev.errorbridge.connector.source.SourceDeadlineExceededException} (recheck
 *       only)</td><td>keep the run pending</td></tr>
 * </table>
 *
 * <h2>Contract for every adapter</h2>
 *
 * <ul>
 *   <li>The window is half-open, {@code [after, before)}, on the platform's list timestamp;
 *       failures may repeat within and across scans: deduplicate on the execution id (the event id
 *       is derived from it).
 *   <li>Each failure carries the platform's own status, a {@code POLL} delivery detected on the
 *       injected clock, and the run's JSON (the detail response, or the list row when the detail is
 *       gone) as its raw payload.
 *   <li>No thread sleeps: waits go through the injected {@code Sleeper}; requests are bounded by
 *       the connection's timeout and the deadline.
 *   <li>No single row stops a scan: each adapter's javadoc lists every field it reads and what its
 *       absence means (skip the row, fail the row, a fallback, fail the page). A failure without a
 *       start time is placed by the best time it has (its end, its creation, else where it was
 *       first seen), never dropped. A page larger than the body limit is asked for again with fewer
 *       rows wherever the endpoint has a page size.
 *   <li>The API key appears in one place, the request header. Messages, {@code toString}s and logs
 *       never contain it; platform error texts are left out of messages, only short error codes are
 *       quoted.
 * </ul>
 *
 * Per-platform behaviour, and what in each platform's API is unverified, is documented on the
 * adapters in {@code platform.<id>}. {@code source.http} is their shared plumbing.
 */
package dev.errorbridge.connector.source;
