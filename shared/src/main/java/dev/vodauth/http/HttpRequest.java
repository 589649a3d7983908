package dev.vodauth.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as every platform can describe it: what an adapter builds from a function URL
 * event, an FC HTTP trigger event, or a local socket.
 */
public final class HttpRequest {
  private final String method;
  private final Map<String, String> headers;
  private final Map<String, List<String>> query;
  private final String body;
  private final boolean base64Encoded;

  private HttpRequest(Builder builder) {
    this.method = builder.method == null ? "" : builder.method.trim();
    this.headers = Collections.unmodifiableMap(builder.headers);
    this.query = Collections.unmodifiableMap(builder.query);
    this.body = builder.body;
    this.base64Encoded = builder.base64Encoded;
  }

  public static Builder builder(String method) {
    return new Builder(method);
  }

  /** The method, upper case; empty when the platform's event named none (answered 400, not thrown). */
  public String method() {
    return method;
  }

  /** A header's value, its name matched without regard to case; null when absent. */
  public String header(String name) {
    return headers.get(name);
  }

  /** Query parameters in arrival order; a repeated name keeps every value. */
  public Map<String, List<String>> query() {
    return query;
  }

  /** The body as the platform delivered it (maybe Base64), or null. */
  public String body() {
    return body;
  }

  public boolean isBase64Encoded() {
    return base64Encoded;
  }

  @Override
  public String toString() {
    // Bodies and headers may carry credentials (Authorization, signed URLs): never printed.
    return "HttpRequest{" + method + "}";
  }

  /** Builds an {@link HttpRequest}; adapters feed it whatever shape their platform uses. */
  public static final class Builder {
    private final String method;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> query = new LinkedHashMap<>();
    private String body;
    private boolean base64Encoded;

    private Builder(String method) {
      this.method = method == null ? null : method.toUpperCase(java.util.Locale.ROOT);
    }

    /** Adds a header; a repeated header is joined with commas, as HTTP allows. */
    public Builder header(String name, String value) {
      if (name != null && value != null) headers.merge(name, value, (a, b) -> a + "," + b);
      return this;
    }

    public Builder headers(Map<String, String> values) {
      if (values != null) values.forEach(this::header);
      return this;
    }

    public Builder queryParameter(String name, String value) {
      if (name != null && value != null) query.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      return this;
    }

    public Builder queryParameters(Map<String, String> values) {
      if (values != null) values.forEach(this::queryParameter);
      return this;
    }

    /**
     * Adds the parameters of a raw, still URL-encoded query string ({@code a=1&b=2}).
     *
     * @throws IllegalArgumentException when an escape is malformed
     */
    public Builder rawQuery(String rawQuery) {
      if (rawQuery == null || rawQuery.isEmpty()) return this;
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        queryParameter(decode(name), decode(value));
      }
      return this;
    }

    public Builder body(String body, boolean base64Encoded) {
      this.body = body;
      this.base64Encoded = base64Encoded;
      return this;
    }

    public HttpRequest build() {
      return new HttpRequest(this);
    }

    static String decode(String s) {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
  }
}
