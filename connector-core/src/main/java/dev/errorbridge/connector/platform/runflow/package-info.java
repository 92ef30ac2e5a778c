/** The Runflow adapter: {@link dev.errorbridge.connector.platform.runflow.RunflowFailureSource}. */
package dev.errorbridge.connector.platform.runflow;
