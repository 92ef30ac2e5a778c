/**
 * The standalone Errorbridge server (one process: settings API, webhooks, poll schedule, retry
 * drain) and its entry point.
 */
package dev.errorbridge.server;
