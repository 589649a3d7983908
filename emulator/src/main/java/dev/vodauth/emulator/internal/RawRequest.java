package dev.vodauth.emulator.internal;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;

/** One HTTP/1.1 request as read off the wire, before any VOD meaning is given to it. */
public final class RawRequest {
  private final String method;
  private final String target;
  private final String version;
  private final Map<String, String> headers;
  private final byte[] body;

  RawRequest(String method, String target, String version, Map<String, String> headers, byte[] body) {
    this.method = method;
    this.target = target;
    this.version = version;
    this.headers = Collections.unmodifiableMap(headers);
    this.body = body;
  }

  public String method() {
    return method;
  }

  /** The request target exactly as sent, path and query. */
  public String target() {
    return target;
  }

  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The raw (still percent-encoded) query string, or "" when there is none. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? "" : target.substring(q + 1);
  }

  /** A header's value by case-insensitive name, or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body.clone();
  }

  /** Whether the client asked to keep the connection open after this exchange. */
  public boolean keepAlive() {
    String connection = header("connection");
    if ("HTTP/1.0".equals(version)) {
      return connection != null && connection.equalsIgnoreCase("keep-alive");
    }
    return connection == null || !connection.equalsIgnoreCase("close");
  }

  /** The body decoded as ISO-8859-1, one char per byte, ready for percent-decoding. */
  public String bodyAsLatin1() {
    return new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
