package dev.vodauth.emulator;

import java.util.Collections;
import java.util.Map;

/** A request the emulator received, with its verdict: what was asked, whether it was signed right, what was answered. */
public final class RecordedVodRequest {
  private final String method;
  private final String path;
  private final Map<String, String> parameters;
  private final String signatureAlgorithm;
  private final boolean signatureValid;
  private final String failure;
  private final int status;
  private final SocketEffect effect;
  private final String requestId;

  RecordedVodRequest(String method, String path, Map<String, String> parameters, String signatureAlgorithm,
      boolean signatureValid, String failure, int status, SocketEffect effect, String requestId) {
    this.method = method;
    this.path = path;
    this.parameters = Collections.unmodifiableMap(parameters);
    this.signatureAlgorithm = signatureAlgorithm;
    this.signatureValid = signatureValid;
    this.failure = failure;
    this.status = status;
    this.effect = effect;
    this.requestId = requestId;
  }

  /** The HTTP method, or null if the request line could not be read. */
  public String method() {
    return method;
  }

  /** The request path (RPC calls use "/"), or null if the request line could not be read. */
  public String path() {
    return path;
  }

  public String action() {
    return parameters.get("Action");
  }

  /**
   * Every parameter, query string and form body together (the body wins a clash), decoded. For a V3-signed request
   * the common values its {@code x-acs-*} headers and Authorization carry are here too, under their classic names
   * ({@code Action}, {@code Version}, {@code AccessKeyId}, {@code SecurityToken}, {@code SignatureNonce},
   * {@code Timestamp}).
   */
  public Map<String, String> parameters() {
    return parameters;
  }

  /** One parameter by its exact (case-sensitive, as VOD is) name, or null. */
  public String parameter(String name) {
    return parameters.get(name);
  }

  /**
   * How the request was signed: {@code HMAC-SHA1} (the classic RPC signature), {@code ACS3-HMAC-SHA256} (V3), or
   * whatever other {@code ACS3-} algorithm its Authorization header named; null if the request could not be read.
   */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  /** Whether the AccessKeyId is known and the Signature matches, whatever the emulator then answered. */
  public boolean signatureValid() {
    return signatureValid;
  }

  /** The VOD error code the emulator answered, or null on success and on socket faults. */
  public String failure() {
    return failure;
  }

  public String accessKeyId() {
    return parameters.get("AccessKeyId");
  }

  public String securityToken() {
    return parameters.get("SecurityToken");
  }

  /** The HTTP status answered; 0 when a socket fault (disconnect, stall, truncated body) replaced the answer. */
  public int status() {
    return status;
  }

  /** The scripted socket fault applied to this request, or null. */
  public SocketEffect effect() {
    return effect;
  }

  /** The RequestId in the answer, or null when no answer was sent. */
  public String requestId() {
    return requestId;
  }

  @Override
  public String toString() {
    return "RecordedVodRequest{" + method + " " + action() + ", status " + status
        + (failure == null ? "" : ", " + failure) + (effect == null ? "" : ", " + effect) + "}";
  }
}
