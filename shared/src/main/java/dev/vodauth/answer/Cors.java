package dev.vodauth.answer;

import java.util.List;
import java.util.Map;

/**
 * The browser contract: which origins may read an answer, and the same headers on every
 * platform. A preflight allows exactly {@link #ALLOWED_HEADERS} and {@link #ALLOWED_METHODS};
 * every answer to an allowed origin lets scripts read {@link #EXPOSED_HEADERS}. Empty means no
 * CORS headers at all.
 *
 * <p>CORS only stops a foreign page from reading an answer; it does not stop the call.
 */
public final class Cors {
  static final String ALLOWED_METHODS = "GET, POST, OPTIONS";
  /** Fixed, not echoed: a player sends its token and, for a JSON POST, Content-Type. */
  public static final String ALLOWED_HEADERS = "Authorization, Content-Type";
  /**
   * Without this, scripts read X-Request-Id, Retry-After and a token refusal's WWW-Authenticate
   * as null. The same list as the Lambda function URLs' own CORS (template.yml ExposeHeaders).
   */
  public static final String EXPOSED_HEADERS = "X-Request-Id, Retry-After, WWW-Authenticate";

  private static final Cors NONE = new Cors(List.of());

  private final List<String> allowedOrigins;

  public Cors(List<String> allowedOrigins) {
    this.allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** No CORS headers for anyone: a function that is never called from a browser. */
  public static Cors none() {
    return NONE;
  }

  /** Adds the headers for a request from {@code origin}, when that origin is allowed. */
  void addHeaders(String origin, Map<String, String> headers) {
    if (origin == null || allowedOrigins.isEmpty()) return;
    if (allowedOrigins.contains("*")) {
      headers.put("Access-Control-Allow-Origin", "*");
    } else if (allowedOrigins.contains(origin)) {
      headers.put("Access-Control-Allow-Origin", origin);
      headers.put("Vary", "Origin");
    } else {
      return;
    }
    headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
  }

  /** Adds the preflight headers for an allowed origin. */
  void addPreflightHeaders(String origin, Map<String, String> headers) {
    addHeaders(origin, headers);
    if (!headers.containsKey("Access-Control-Allow-Origin")) return;
    headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    headers.put("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    headers.put("Access-Control-Max-Age", "600");
  }
}
