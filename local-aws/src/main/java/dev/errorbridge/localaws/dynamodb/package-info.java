/**
 * Test support that runs AWS's own DynamoDB Local engine inside the test JVM: see {@link
 * dev.errorbridge.localaws.dynamodb.DynamoDbLocal}.
 */
package dev.errorbridge.localaws.dynamodb;
