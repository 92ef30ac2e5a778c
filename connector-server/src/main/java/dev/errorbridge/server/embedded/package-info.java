/**
 * Embedded defaults: DynamoDB Local under the data directory, local-aws's EventBridge, KMS and STS
 * with a KMS key that survives restarts, the demo bus and the operator token.
 */
package dev.errorbridge.server.embedded;
