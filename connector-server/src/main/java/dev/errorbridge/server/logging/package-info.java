/**
 * The console log: readable lines for a person at a terminal, JSON lines for a collector ({@link
 * dev.errorbridge.server.logging.ConsoleLogEncoder}, chosen by {@link
 * dev.errorbridge.server.logging.LogFormat}).
 */
package dev.errorbridge.server.logging;
