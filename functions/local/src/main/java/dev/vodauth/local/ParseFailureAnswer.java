package dev.vodauth.local;

import dev.vodauth.answer.ErrorBody;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Undertow answers some requests itself, before any handler of ours runs: one it cannot parse (a
 * malformed request line or header, a bad %-escape, a non-numeric or negative Content-Length, a
 * head over the size limit) gets fixed bytes, {@code 400 Bad Request} with {@code Content-Length:
 * 0}; one whose Host header is missing, repeated or malformed gets {@code 400 <reason>} with no
 * body. Both then close the connection. This conduit sits under Undertow on every connection and
 * puts the contract's JSON error in place of such an answer: an error head with no body and no
 * {@code X-Request-Id} (every answer of the runner's own carries one). Everything else passes
 * through untouched. The request was not read, so the answer has no CORS headers.
 */
final class ParseFailureAnswer extends AbstractStreamSinkConduit<StreamSinkConduit> {
  private ByteBuffer replacement;

  ParseFailureAnswer(StreamSinkConduit next) {
    super(next);
  }

  /** The contract's answer for Undertow's bodiless error with this status and reason phrase. */
  static byte[] answer(String requestId, int status, String reason) {
    String message = reason.equals("Bad Request")
        ? "The request is not valid HTTP/1.1: check the request line (method, path, %-escapes), the header syntax"
            + " and size, and Content-Length."
        : "The request is not valid HTTP/1.1: " + reason + ".";
    String code = status == 400 ? "MalformedRequest" : status == 500 ? "InternalError" : "HttpError";
    String body = ErrorBody.of(requestId, code, message).toString();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: application/json; charset=utf-8\r\n"
        + "Cache-Control: no-store\r\n" + LocalHttpServer.REQUEST_ID_HEADER + ": " + requestId + "\r\nContent-Length: "
        + bytes.length + "\r\nConnection: close\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }

  /** Our answer in place of this buffer, if it holds exactly one of Undertow's own bodiless error heads; else null. */
  static ByteBuffer replacementFor(ByteBuffer written) {
    if (written.remaining() < 16 || written.remaining() > 1024) return null;
    ByteBuffer copy = written.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    String head = new String(bytes, StandardCharsets.ISO_8859_1);
    if (!head.startsWith("HTTP/1.") || !head.endsWith("\r\n\r\n") || head.indexOf("\r\n\r\n") != head.length() - 4) {
      return null;
    }
    String lower = head.toLowerCase(Locale.ROOT);
    if (lower.contains("\r\n" + LocalHttpServer.REQUEST_ID_HEADER.toString().toLowerCase(Locale.ROOT) + ":")
        || !lower.contains("\r\ncontent-length: 0\r\n")) {
      return null;
    }
    String statusLine = head.substring(0, head.indexOf("\r\n"));
    if (!statusLine.matches("HTTP/1\\.[01] [45]\\d\\d .*")) return null;
    int status = Integer.parseInt(statusLine.substring(9, 12));
    return ByteBuffer.wrap(answer(UUID.randomUUID().toString(), status, statusLine.substring(13)));
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    if (!drained()) return 0;
    ByteBuffer answer = replacementFor(src);
    if (answer == null) return next.write(src);
    int taken = src.remaining();
    src.position(src.limit());
    replacement = answer;
    drained();
    return taken;
  }

  @Override
  public long write(ByteBuffer[] srcs, int offs, int len) throws IOException {
    if (!drained()) return 0;
    if (len > 0 && replacementFor(srcs[offs]) != null) {
      for (int i = offs + 1; i < offs + len; i++) {
        if (srcs[i].hasRemaining()) return next.write(srcs, offs, len);
      }
      return write(srcs[offs]);
    }
    return next.write(srcs, offs, len);
  }

  @Override
  public int writeFinal(ByteBuffer src) throws IOException {
    return Conduits.writeFinalBasic(this, src);
  }

  @Override
  public long writeFinal(ByteBuffer[] srcs, int offs, int len) throws IOException {
    return Conduits.writeFinalBasic(this, srcs, offs, len);
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
