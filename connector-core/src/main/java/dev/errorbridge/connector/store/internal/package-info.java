/**
 * Helpers the stores share: key spelling, attribute reading, SDK failure translation and the
 * large-entry codec. Public only because the dead-letter store lives in another package; not an
 * API, may change without notice.
 */
package dev.errorbridge.connector.store.internal;
