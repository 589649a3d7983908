package dev.vodauth.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads request bodies from, and writes answers to, the JDK server's exchanges. */
final class Exchanges {
  static final String REQUEST_ID_HEADER = "X-Request-Id";
  static final String JSON = "application/json; charset=utf-8";

  /**
   * How much of an oversized body is read and thrown away so the client gets its 413 instead of a
   * reset connection (a server that closes a socket with unread input makes TCP send RST). Past it,
   * the connection is closed.
   */
  private static final long DISCARD_LIMIT = 8L * 1024 * 1024;

  private Exchanges() {}

  /**
   * The body as UTF-8 text, keeping at most {@code limit + 1} bytes: an oversized body arrives
   * just over the limit, so it is refused by its size without ever sitting in memory whole.
   */
  static Body readBody(HttpExchange exchange, int limit) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream(Math.min(limit + 1, 4096));
    byte[] buffer = new byte[8192];
    long discarded = 0;
    try (InputStream in = exchange.getRequestBody()) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        int keep = Math.min(n, limit + 1 - kept.size());
        if (keep > 0) kept.write(buffer, 0, keep);
        discarded += n - keep;
        if (discarded > DISCARD_LIMIT) {
          exchange.getResponseHeaders().set("Connection", "close");
          break;
        }
      }
    }
    return new Body(new String(kept.toByteArray(), StandardCharsets.UTF_8), kept.size() > limit);
  }

  /** A request body as read: its text, and whether it was larger than the limit (then the text is cut just past it). */
  static final class Body {
    private final String text;
    private final boolean oversized;

    private Body(String text, boolean oversized) {
      this.text = text;
      this.oversized = oversized;
    }

    String text() {
      return text;
    }

    boolean oversized() {
      return oversized;
    }
  }

  /** Sends an answer; 204 and HEAD answers go without a body, as HTTP requires. */
  static void send(HttpExchange exchange, int status, Map<String, String> headers, String body, String requestId)
      throws IOException {
    Headers out = exchange.getResponseHeaders();
    headers.forEach(out::set);
    out.set(REQUEST_ID_HEADER, requestId);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean noBody = status == 204 || bytes.length == 0 || exchange.getRequestMethod().equals("HEAD");
    // The JDK server reads -1 as "no body" and 0 as "chunked".
    exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
    if (!noBody) {
      try (OutputStream stream = exchange.getResponseBody()) {
        stream.write(bytes);
      }
    }
    exchange.close();
  }

  /** Sends the runner's own error in the functions' error shape: {@code {"RequestId","Code","Message"}}. */
  static void sendError(HttpExchange exchange, ObjectMapper json, int status, String code, String message,
      String requestId, Map<String, String> extraHeaders) throws IOException {
    sendJson(exchange, status, errorBody(json, requestId, code, message), requestId, extraHeaders);
  }

  static ObjectNode errorBody(ObjectMapper json, String requestId, String code, String message) {
    ObjectNode error = json.createObjectNode();
    error.put("RequestId", requestId);
    error.put("Code", code);
    error.put("Message", message);
    return error;
  }

  static void sendJson(HttpExchange exchange, int status, ObjectNode body, String requestId,
      Map<String, String> extraHeaders) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", JSON);
    // Event answers carry upload credentials; errors gain nothing from a cache either.
    headers.put("Cache-Control", "no-store");
    headers.putAll(extraHeaders);
    send(exchange, status, headers, body.toString(), requestId);
  }
}
