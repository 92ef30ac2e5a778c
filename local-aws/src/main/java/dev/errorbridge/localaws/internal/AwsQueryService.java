package dev.errorbridge.localaws.internal;

import java.util.Map;

/**
 * One AWS service spoken over the AWS Query protocol (STS): form-encoded {@code Action=…} requests,
 * XML responses.
 */
public interface AwsQueryService {

  /** The SigV4 signing name the credential scope must carry, e.g. {@code sts}. */
  String signingName();

  /** The namespace of the service's XML documents, error responses included. */
  String xmlNamespace();

  /**
   * Runs one action.
   *
   * @param action the {@code Action} parameter, e.g. {@code AssumeRole}, or {@code null}
   * @param params every form and query-string parameter, decoded
   * @param context the signing account and region
   * @param requestId the id to put in the response's {@code ResponseMetadata}
   * @return the XML response document
   * @throws AwsServiceException for every modelled error, with the service's own error code and
   *     HTTP status
   */
  String handle(
      String action, Map<String, String> params, RequestContext context, String requestId);
}
