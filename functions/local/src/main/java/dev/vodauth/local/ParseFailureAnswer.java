package dev.vodauth.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Undertow answers a request it cannot parse (a malformed request line or header, a bad
 * %-escape, a non-numeric or negative Content-Length, a head over the size limit) itself, before
 * any handler runs, with fixed bytes ({@code HttpReadListener.BAD_REQUEST}) and then closes the
 * connection. This conduit sits under Undertow on every connection and puts the contract's JSON
 * 400 in place of those exact bytes; everything else passes through untouched. The request was
 * never parsed, so the answer has no CORS headers (its Origin is unknown).
 */
final class ParseFailureAnswer extends AbstractStreamSinkConduit<StreamSinkConduit> {
  /** What Undertow 2.3 writes for an unparseable request; the runner's own answers always carry more headers. */
  static final ByteBuffer UNDERTOW_BAD_REQUEST = ByteBuffer.wrap(
      "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII))
      .asReadOnlyBuffer();

  private ByteBuffer replacement;

  ParseFailureAnswer(StreamSinkConduit next) {
    super(next);
  }

  static byte[] answer(String requestId) {
    String body = "{\"RequestId\":\"" + requestId + "\",\"Code\":\"MalformedRequest\",\"Message\":\"The request is not"
        + " valid HTTP/1.1: check the request line (method, path, %-escapes), the header syntax and size, and"
        + " Content-Length.\"}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n"
        + "Cache-Control: no-store\r\nX-Request-Id: " + requestId + "\r\nContent-Length: " + bytes.length
        + "\r\nConnection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (replacement == null && src.equals(UNDERTOW_BAD_REQUEST)) {
      int taken = src.remaining();
      src.position(src.limit());
      replacement = ByteBuffer.wrap(answer(UUID.randomUUID().toString()));
      next.write(replacement);
      return taken;
    }
    if (!drained()) return 0;
    return next.write(src);
  }

  @Override
  public boolean flush() throws IOException {
    return drained() && next.flush();
  }

  /** Writes what is left of the replacement; true when none is. */
  private boolean drained() throws IOException {
    if (replacement != null && replacement.hasRemaining()) next.write(replacement);
    return replacement == null || !replacement.hasRemaining();
  }
}
