/** The Runflow adapter: {@link dev.errorbridge.connector.source.runflow.RunflowFailureSource}. */
package dev.errorbridge.connector.source.runflow;
