/** Operations: health checks, Prometheus metrics and the demo alert inbox. */
package dev.errorbridge.server.ops;
