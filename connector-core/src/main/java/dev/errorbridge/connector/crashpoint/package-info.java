/**
 * The crash-safety tests' single hook into production code ({@link
 * dev.errorbridge.connector.crashpoint.CrashPoint}); depends on nothing else of the connector.
 */
package dev.errorbridge.connector.crashpoint;
