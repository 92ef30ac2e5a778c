package dev.errorbridge.localaws.kms;

import java.time.Instant;

/**
 * A named pointer to a key in the same account and region.
 *
 * @param aliasName the name including its {@code alias/} prefix
 * @param aliasArn the alias ARN
 * @param targetKeyId the ID (not ARN) of the key it points to, as ListAliases reports it
 * @param creationDate when it was created, which is also its last update (aliases never move here)
 */
record KmsAlias(String aliasName, String aliasArn, String targetKeyId, Instant creationDate) {}
