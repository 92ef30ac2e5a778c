package dev.errorbridge.localaws.kms;

/**
 * The lifecycle states local-aws models; AWS has more (e.g. PendingImport), none of which a
 * customer-managed symmetric key with AWS_KMS origin can reach.
 */
enum KmsKeyState {
  Enabled,
  Disabled,
  PendingDeletion
}
