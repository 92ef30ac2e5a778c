/**
 * n8n, the fifth platform: {@link dev.errorbridge.connector.platform.n8n.N8nFailureSource} polls an
 * instance's public API v1 for failed executions; {@link
 * dev.errorbridge.connector.platform.n8n.N8nWebhookParser} reads the failures n8n's Error Trigger
 * sample pushes to the same connection, so that both land on one {@code eventId}; {@link
 * dev.errorbridge.connector.platform.n8n.N8nOptions} holds its settings.
 *
 * <p>API facts are those of n8n <b>1.123.81</b> (the version the end-to-end test runs) and its
 * published OpenAPI document "n8n Public API" {@code info.version} <b>1.1.1</b> ({@code
 * packages/cli/src/public-api/v1/openapi.yml} of <a
 * href="https://github.com/n8n-io/n8n">n8n-io/n8n</a>, bundled in the npm package as {@code
 * dist/public-api/v1/openapi.yml}): paths {@code /executions}, {@code /executions/{id}}, {@code
 * /workflows/{id}}; parameters {@code status}, {@code includeData}, {@code limit} (default 100,
 * maximum 250), {@code cursor}; schemas {@code executionList} ({@code data}, {@code nextCursor})
 * and {@code execution}; security scheme {@code ApiKeyAuth} ({@code X-N8N-API-KEY}). Behaviour the
 * document does not state (newest-first order, {@code status=error} also matching {@code crashed},
 * string ids, waiting executions left out of every list: <a
 * href="https://github.com/n8n-io/n8n/issues/14748">n8n-io/n8n#14748</a>) is cited from n8n's
 * sources in {@code docs/platforms/n8n.md}, with what differs in other versions.
 */
package dev.errorbridge.connector.platform.n8n;
