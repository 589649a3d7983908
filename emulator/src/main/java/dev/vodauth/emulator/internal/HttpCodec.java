package dev.vodauth.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Reads HTTP/1.1 requests and writes responses, byte for byte, so faults can be exact. */
final class HttpCodec {
  // An STS SecurityToken alone is over 1 KB in the query string; 64 KiB leaves room and still bounds memory.
  private static final int MAX_LINE = 64 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 1024 * 1024;
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private HttpCodec() {}

  /** Reads one request, or returns null if the peer closed the connection between requests. */
  static RawRequest readRequest(InputStream in, OutputStream out) throws IOException {
    String line = readLine(in, true);
    // RFC 9112 asks servers to ignore empty lines before a request line (left over from a previous body).
    while (line != null && line.isEmpty()) {
      line = readLine(in, true);
    }
    if (line == null) {
      return null;
    }
    int first = line.indexOf(' ');
    int last = line.lastIndexOf(' ');
    if (first <= 0 || last == first) {
      throw new MalformedRequestException("bad request line");
    }
    String method = line.substring(0, first);
    String target = line.substring(first + 1, last);
    String version = line.substring(last + 1);
    if (!version.startsWith("HTTP/1.") || target.isEmpty()) {
      throw new MalformedRequestException("bad request line");
    }
    Map<String, String> headers = new HashMap<>();
    for (int count = 0; ; count++) {
      String header = readLine(in, false);
      if (header.isEmpty()) {
        break;
      }
      int colon = header.indexOf(':');
      if (colon <= 0 || count >= MAX_HEADERS) {
        throw new MalformedRequestException("bad header");
      }
      headers.put(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
    }
    byte[] body = readBody(in, out, headers);
    return new RawRequest(method, target, version, headers, body);
  }

  private static byte[] readBody(InputStream in, OutputStream out, Map<String, String> headers) throws IOException {
    String encoding = headers.get("transfer-encoding");
    String length = headers.get("content-length");
    boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    if (!chunked && (length == null || length.equals("0"))) {
      return new byte[0];
    }
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write(CONTINUE);
      out.flush();
    }
    if (chunked) {
      return readChunked(in);
    }
    long declared;
    try {
      declared = Long.parseLong(length);
    } catch (NumberFormatException e) {
      throw new MalformedRequestException("bad Content-Length");
    }
    if (declared < 0 || declared > MAX_BODY) {
      throw new MalformedRequestException("bad Content-Length");
    }
    byte[] body = new byte[(int) declared];
    readFully(in, body, 0, body.length);
    return body;
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String sizeLine = readLine(in, false);
      int semicolon = sizeLine.indexOf(';');
      String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
      int size;
      try {
        size = Integer.parseInt(hex, 16);
      } catch (NumberFormatException e) {
        throw new MalformedRequestException("bad chunk size");
      }
      if (size < 0 || body.size() + size > MAX_BODY) {
        throw new MalformedRequestException("bad chunk size");
      }
      if (size == 0) {
        // Trailers, if any, end with an empty line.
        while (!readLine(in, false).isEmpty()) {
          // discard trailer fields
        }
        return body.toByteArray();
      }
      byte[] chunk = new byte[size];
      readFully(in, chunk, 0, size);
      body.write(chunk, 0, size);
      readLine(in, false);
    }
  }

  private static void readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
    while (length > 0) {
      int n = in.read(buffer, offset, length);
      if (n < 0) {
        throw new EOFException("body ended early");
      }
      offset += n;
      length -= n;
    }
  }

  private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
    StringBuilder line = new StringBuilder(128);
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (eofAllowed && line.length() == 0) {
          return null;
        }
        throw new EOFException("connection closed mid-request");
      }
      if (b == '\n') {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_LINE) {
        throw new MalformedRequestException("line too long");
      }
      line.append((char) b);
    }
  }

  /** Writes a whole response. */
  static void write(OutputStream out, Reply reply, boolean keepAlive) throws IOException {
    byte[] body = reply.body();
    out.write(head(reply, body.length, keepAlive));
    out.write(body);
    out.flush();
  }

  /** Writes the head with the full Content-Length, then only half the body. */
  static void writeTruncated(OutputStream out, Reply reply) throws IOException {
    byte[] body = reply.body();
    out.write(head(reply, body.length, true));
    out.write(body, 0, body.length / 2);
    out.flush();
  }

  private static byte[] head(Reply reply, int contentLength, boolean keepAlive) {
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(reply.status()).append(' ').append(reason(reply.status())).append("\r\n");
    head.append("Content-Type: ").append(reply.contentType()).append("\r\n");
    head.append("Content-Length: ").append(contentLength).append("\r\n");
    head.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
    for (String[] header : reply.headers()) {
      head.append(header[0]).append(": ").append(header[1]).append("\r\n");
    }
    head.append("\r\n");
    // Header values are ASCII by construction (IDs, media types); Latin-1 keeps bytes one to one.
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 400:
        return "Bad Request";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "Status " + status;
    }
  }
}
