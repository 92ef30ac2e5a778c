/**
 * The HTTP surface on Javalin: authentication of the operator, the settings API and webhook routes,
 * operations routes, graceful shutdown.
 */
package dev.errorbridge.server.http;
