package dev.errorbridge.localaws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One AWS service spoken over AWS JSON 1.1, addressed by the {@code X-Amz-Target} header's prefix.
 */
public interface AwsJsonService {

  /**
   * The part of {@code X-Amz-Target} before the dot, e.g. {@code AWSEvents} or {@code
   * TrentService}.
   */
  String targetPrefix();

  /** The SigV4 signing name the credential scope must carry, e.g. {@code events} or {@code kms}. */
  String signingName();

  /**
   * Runs one operation.
   *
   * @param operation the part of {@code X-Amz-Target} after the dot, e.g. {@code PutEvents}
   * @param request the parsed JSON request body
   * @param context the signing account and region
   * @return the JSON response body
   * @throws AwsServiceException for every modelled error, which the caller turns into an AWS error
   *     response
   */
  JsonNode handle(String operation, ObjectNode request, RequestContext context);
}
