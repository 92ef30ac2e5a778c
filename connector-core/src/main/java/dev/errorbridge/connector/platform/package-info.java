/**
 * The platform SPI: what a workflow platform supplies to be polled and to push failures. A platform
 * is one package, {@code platform.<id>}, with one {@link
 * dev.errorbridge.connector.platform.PlatformPlugin} described by a {@link
 * dev.errorbridge.connector.platform.PlatformDescriptor}; its poll side is a {@link
 * dev.errorbridge.connector.platform.PollSupport} (options read through {@link
 * dev.errorbridge.connector.platform.OptionValues}, a {@code source.FailureSource} built with a
 * {@link dev.errorbridge.connector.platform.SourceContext}), its push side a {@link
 * dev.errorbridge.connector.platform.WebhookSupport} (a {@code webhook.spi.WebhookVerifier}, a
 * {@code webhook.spi.WebhookParser}, optionally a {@code webhook.spi.WebhookEnricher}). {@code
 * platform.registry.PlatformRegistry} lists the plug-ins. {@link
 * dev.errorbridge.connector.platform.RunDetailChecks} holds the checks every poller makes on a
 * run's detail.
 *
 * <p>Platform packages may use this SPI, the poll SPI ({@code source}), the webhook SPI ({@code
 * webhook.spi}), the shared HTTP and JSON helpers ({@code source.http}, {@code inbound}), {@code
 * time}, {@code secrets}' values, and the model ({@code FailedExecution}, {@code connection}); an
 * ArchUnit test keeps them off the engine, the stores and each other. See {@code
 * docs/adding-a-platform.md}.
 */
package dev.errorbridge.connector.platform;
