/**
 * The transport-free webhook receiver: {@code POST /webhooks/{connectionId}} as plain values, for a
 * Lambda handler and the standalone server alike.
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.webhook.WebhookReceiver}: request guards → connection
 *       lookup → rate limit → verification → parsing, from a {@link
 *       dev.errorbridge.connector.webhook.spi.WebhookRequest} to a {@link
 *       dev.errorbridge.connector.webhook.spi.WebhookReceipt} (accepted failure, ignored, or
 *       rejected with its HTTP status);
 *   <li>{@link dev.errorbridge.connector.webhook.spi.WebhookSettings} per connection, found through
 *       {@link dev.errorbridge.connector.webhook.WebhookConnections};
 *   <li>verification and parsing per platform ({@link
 *       dev.errorbridge.connector.webhook.spi.WebhookVerifier}, {@link
 *       dev.errorbridge.connector.webhook.spi.WebhookParser}, in {@code webhook.spi}, which the
 *       platforms implement in their packages {@code platform.<id>}), picked by the connection's
 *       platform from the platform registry ({@link
 *       dev.errorbridge.connector.webhook.DefaultWebhookVerifier}, {@link
 *       dev.errorbridge.connector.webhook.DefaultWebhookParser}).
 * </ul>
 *
 * The receiver publishes nothing: an accepted receipt carries the failure. {@link
 * dev.errorbridge.connector.webhook.WebhookIntake} is the endpoint's whole answer: receiver, then a
 * {@link dev.errorbridge.connector.webhook.spi.WebhookEnricher} (in production {@link
 * dev.errorbridge.connector.webhook.DefaultWebhookEnricher}: the platform's own, e.g. Alloy's,
 * which gives an Alloy webhook the poller's execution id when the connection has Alloy API
 * credentials), then delivery through {@code ConnectionDelivery}, answering 2xx only once the event
 * is on the bus or kept (retry store, dead letters); {@link
 * dev.errorbridge.connector.webhook.StoreWebhookConnections} serves the receiver from the
 * connection store, decrypting secrets through the {@code SecretCipher}.
 */
package dev.errorbridge.connector.webhook;
