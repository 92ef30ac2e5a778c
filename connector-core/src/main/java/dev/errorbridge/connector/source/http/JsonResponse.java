package dev.errorbridge.connector.source.http;

import java.net.http.HttpHeaders;

/**
 * A 2xx response whose body is a JSON object.
 *
 * @param origin the connection and endpoint it came from
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, read defensively
 */
public record JsonResponse(Origin origin, int status, HttpHeaders headers, JsonFields body) {}
