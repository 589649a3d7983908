package dev.vodauth.answer;

import java.util.List;
import java.util.Map;

/** The CORS allow-list: which browser origins may read an answer. Empty means no CORS headers. */
public final class Cors {
  static final String ALLOWED_METHODS = "GET, POST, OPTIONS";

  private final List<String> allowedOrigins;

  public Cors(List<String> allowedOrigins) {
    this.allowedOrigins = List.copyOf(allowedOrigins);
  }

  /** Adds the headers for a request from {@code origin}, when that origin is allowed. */
  void addHeaders(String origin, Map<String, String> headers) {
    if (origin == null || allowedOrigins.isEmpty()) return;
    if (allowedOrigins.contains("*")) {
      headers.put("Access-Control-Allow-Origin", "*");
    } else if (allowedOrigins.contains(origin)) {
      headers.put("Access-Control-Allow-Origin", origin);
      headers.put("Vary", "Origin");
    }
  }

  /** Adds the preflight headers for an allowed origin. */
  void addPreflightHeaders(String origin, String requestedHeaders, Map<String, String> headers) {
    addHeaders(origin, headers);
    if (!headers.containsKey("Access-Control-Allow-Origin")) return;
    headers.put("Access-Control-Allow-Methods", ALLOWED_METHODS);
    headers.put("Access-Control-Allow-Headers", requestedHeaders != null ? requestedHeaders : "Content-Type");
    headers.put("Access-Control-Max-Age", "600");
  }
}
