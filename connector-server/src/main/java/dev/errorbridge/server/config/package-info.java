/**
 * The server's configuration: settings, the properties file and the environment, validated all at
 * once.
 */
package dev.errorbridge.server.config;
