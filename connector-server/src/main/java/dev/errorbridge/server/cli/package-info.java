/** The errorbridge CLI (picocli) over the settings API. */
package dev.errorbridge.server.cli;
