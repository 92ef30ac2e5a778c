/**
 * The credentials a connection publishes to the customer's bus with.
 *
 * <ul>
 *   <li>{@link dev.errorbridge.connector.credentials.DestinationCredentialsProvider} and its {@link
 *       dev.errorbridge.connector.credentials.DestinationCredentialsProvider}: a connection's
 *       {@code DestinationAuth} to one cached {@code AwsCredentialsProvider} per settings version
 *       (stored keys decrypted on first use, a role assumed with the connection's External ID and
 *       refreshed before expiry, or the runtime's own credentials);
 *   <li>{@link dev.errorbridge.connector.credentials.ExternalIds}: the per-connection External ID;
 *   <li>{@link dev.errorbridge.connector.credentials.AssumeRoleRefresh}: session duration and
 *       refresh timing; {@link dev.errorbridge.connector.credentials.StsClientFactory}: where STS
 *       clients come from;
 *   <li>{@link dev.errorbridge.connector.credentials.DestinationCredentialsException} and its
 *       subclasses, classified by {@link
 *       dev.errorbridge.connector.credentials.CredentialsFailureAction}.
 * </ul>
 */
package dev.errorbridge.connector.credentials;
