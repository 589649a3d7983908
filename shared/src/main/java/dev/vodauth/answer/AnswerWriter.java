package dev.vodauth.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns an {@link Answer} into the HTTP response a caller gets, in JSON or the API's XML. */
public final class AnswerWriter {
  /** The protection space named in WWW-Authenticate challenges. */
  static final String REALM = "vod-auth";
  /** Every answer names the platform's request ID, the key to the invocation's log line. */
  public static final String REQUEST_ID_HEADER = "X-Request-Id";
  /**
   * Retry-After of a 503 TokenKeysUnavailable: how long the function waits after a failed fetch
   * of the issuer's keys before asking again (sooner, the caller is refused again at once).
   */
  public static final long TOKEN_KEYS_RETRY_AFTER_SECONDS = 5;

  private final ObjectMapper json;
  private final Cors cors;

  public AnswerWriter(ObjectMapper json, Cors cors) {
    this.json = json;
    this.cors = cors;
  }

  /**
   * The response for an answer.
   *
   * @param successRoot the root element of a success in XML (the API's {@code <Action>Response})
   * @param requestId the platform's request ID, used for the function's own errors
   * @param retryAfterSeconds sent as Retry-After with a throttled answer (TokenKeysUnavailable
   *     has its own, {@link #TOKEN_KEYS_RETRY_AFTER_SECONDS})
   */
  public HttpResponse write(
      String successRoot, Answer answer, ResponseFormat format, String requestId, String origin, long retryAfterSeconds) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", format.contentType());
    // Credential answers must never sit in a cache; errors gain nothing from one either.
    headers.put("Cache-Control", "no-store");
    headers.put(REQUEST_ID_HEADER, requestId);
    if (answer.kind() == ErrorKind.THROTTLED) headers.put("Retry-After", Long.toString(retryAfterSeconds));
    if (answer.kind() == ErrorKind.TOKEN_KEYS_UNAVAILABLE) headers.put("Retry-After", Long.toString(TOKEN_KEYS_RETRY_AFTER_SECONDS));
    if (answer.kind() == ErrorKind.METHOD_NOT_ALLOWED) headers.put("Allow", Cors.ALLOWED_METHODS);
    String challenge = bearerChallenge(answer);
    if (challenge != null) headers.put("WWW-Authenticate", challenge);
    cors.addHeaders(origin, headers);
    return HttpResponse.of(answer.status(), headers, body(successRoot, answer, format, requestId));
  }

  /**
   * The answer to a CORS preflight (OPTIONS): 204, with CORS headers for an allowed origin; never
   * cached by anyone between (the browser's own preflight cache follows Access-Control-Max-Age).
   */
  public HttpResponse preflight(String origin, String requestId) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Allow", Cors.ALLOWED_METHODS);
    headers.put("Cache-Control", "no-store");
    headers.put(REQUEST_ID_HEADER, requestId);
    cors.addPreflightHeaders(origin, headers);
    return HttpResponse.of(204, headers, "");
  }

  /**
   * RFC 6750 section 3: a missing token gets a bare challenge (no error attribute); a bad one
   * {@code invalid_token}, a token lacking the entitlement {@code insufficient_scope}.
   */
  private static String bearerChallenge(Answer answer) {
    String error;
    if (answer.kind() == ErrorKind.MISSING_TOKEN) return "Bearer realm=\"" + REALM + "\"";
    if (answer.kind() == ErrorKind.INVALID_TOKEN) {
      error = "invalid_token";
    } else if (answer.kind() == ErrorKind.VIDEO_NOT_ENTITLED) {
      error = "insufficient_scope";
    } else {
      return null;
    }
    // A quoted-string: our own fixed messages, kept to printable ASCII without quote or backslash.
    String description = answer.message().replaceAll("[^\\x20-\\x7e]|[\"\\\\]", "");
    return "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + description + "\"";
  }

  private String body(String successRoot, Answer answer, ResponseFormat format, String requestId) {
    ObjectNode tree = answer.isSuccess() ? withRequestId(answer.body(), requestId) : errorTree(answer, requestId);
    if (format == ResponseFormat.XML) {
      return XmlWriter.document(answer.isSuccess() ? successRoot : "Error", tree);
    }
    try {
      return json.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A success made here, without a VOD request (a JWTPlayAuth), answers with the platform's RequestId. */
  private ObjectNode withRequestId(ObjectNode body, String requestId) {
    if (body.has("RequestId") || requestId == null) return body;
    ObjectNode tree = json.createObjectNode().put("RequestId", requestId);
    tree.setAll(body);
    return tree;
  }

  /** The error body ({@link ErrorBody}): VOD's request ID when VOD answered, else the platform's. */
  public ObjectNode errorTree(Answer answer, String requestId) {
    return ErrorBody.of(answer.vodRequestId() != null ? answer.vodRequestId() : requestId, answer.code(), answer.message());
  }
}
