/**
 * The webhook SPI: what a platform implements to push failures ({@link
 * dev.errorbridge.connector.webhook.spi.WebhookVerifier}, {@link
 * dev.errorbridge.connector.webhook.spi.WebhookParser}, {@link
 * dev.errorbridge.connector.webhook.spi.WebhookEnricher}) and the values they read and return: the
 * request as received, its body, the connection's settings, the receipt. It depends on the model
 * only; the receiver that drives it is {@code webhook}.
 */
package dev.errorbridge.connector.webhook.spi;
