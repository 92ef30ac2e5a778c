package dev.errorbridge.connector.mapping;

/**
 * A text the shrinker cut, as recorded in {@code truncation.truncatedFields}.
 *
 * @param field its path in the detail, e.g. {@code failedSteps[3].errorMessage}
 * @param originalBytes its UTF-8 size before the cut
 */
record TruncatedField(String field, long originalBytes) {}
