package dev.errorbridge.connector.testing;

import java.util.Optional;

/**
 * A workflow created in a real n8n.
 *
 * @param id n8n's workflow id (16 characters, e.g. {@code YdtfREanT06Nn7Bg})
 * @param name its name
 * @param webhookPath the path of its Webhook trigger ({@code POST /webhook/<path>}), if it has one
 */
public record N8nWorkflow(String id, String name, Optional<String> webhookPath) {}
