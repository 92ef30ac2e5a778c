package dev.errorbridge.localaws.sqs;

import java.time.Instant;

/**
 * One message local-aws's SQS accepted, kept for assertions (local-aws never delivers it).
 *
 * @param queueUrl the queue's URL
 * @param messageId the id SQS answered
 * @param body the message body
 * @param delaySeconds the per-message delay the sender asked for (0 when none)
 * @param accountId the account that sent it
 * @param sentAt when local-aws accepted it
 */
public record SqsMessage(
    String queueUrl,
    String messageId,
    String body,
    int delaySeconds,
    String accountId,
    Instant sentAt) {}
