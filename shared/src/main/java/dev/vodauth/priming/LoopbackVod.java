package dev.vodauth.priming;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import dev.vodauth.operation.VodOperation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in of VOD on a loopback socket, for priming only: answers every request with the canned
 * success of the operation whose Action it names ({@link VodOperation#primingAnswer}), on
 * keep-alive connections. It checks nothing; the real SDK,
 * HTTP client and response path run against it, with made-up keys.
 */
final class LoopbackVod implements AutoCloseable {
  private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)\\r\\ncontent-length:\\s*(\\d+)");

  private final ServerSocket server;
  /** Each operation's whole HTTP answer, by {@code Action=<name>} as the request carries it. */
  private final Map<String, byte[]> answers = new LinkedHashMap<>();

  private LoopbackVod(ServerSocket server, List<VodOperation> operations) {
    this.server = server;
    for (VodOperation operation : operations) answers.put("Action=" + operation.action(), answer(operation.primingAnswer()));
  }

  static LoopbackVod start(List<VodOperation> operations) {
    try {
      LoopbackVod vod = new LoopbackVod(new ServerSocket(0, 8, InetAddress.getLoopbackAddress()), operations);
      Thread thread = new Thread(vod::serve, "vod-priming-stand-in");
      thread.setDaemon(true);
      thread.start();
      return vod;
    } catch (IOException e) {
      throw new UncheckedIOException("priming: cannot open a loopback socket", e);
    }
  }

  /** host:port, what VOD_ENDPOINT takes; a loopback endpoint is called over plain HTTP. */
  String endpoint() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  private void serve() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread connection = new Thread(() -> answer(socket), "vod-priming-connection");
        connection.setDaemon(true);
        connection.start();
      } catch (IOException closed) {
        return; // priming is over
      }
    }
  }

  /** Answers requests on one keep-alive connection, as VOD does, so the client's reuse path runs too. */
  private void answer(Socket socket) {
    try (Socket s = socket) {
      s.setTcpNoDelay(true);
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      for (String head = readHead(in); !head.isEmpty(); head = readHead(in)) {
        // The Action is in the query string or, for a form POST, in the body: the HTTP client decides.
        String request = head + readBody(in, head);
        // One write per answer: headers and body in two writes would wait on the client's
        // delayed ACK (Nagle), some 40 ms per call on a keep-alive connection.
        out.write(answerTo(request));
        out.flush();
      }
    } catch (IOException closedOrReset) {
      // The client closed the connection, or priming is over.
    }
  }

  private byte[] answerTo(String request) {
    for (Map.Entry<String, byte[]> answer : answers.entrySet()) {
      int at = request.indexOf(answer.getKey());
      int end = at + answer.getKey().length();
      if (at >= 0 && (end == request.length() || request.charAt(end) == '&' || Character.isWhitespace(request.charAt(end)))) {
        return answer.getValue();
      }
    }
    return answers.values().iterator().next();
  }

  private static String readBody(InputStream in, String head) throws IOException {
    Matcher length = CONTENT_LENGTH.matcher(head);
    int declared = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return new String(in.readNBytes(declared), StandardCharsets.ISO_8859_1);
  }

  /** Reads up to the blank line; empty at the end of the stream. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      head.append((char) b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4) break;
    }
    return head.toString();
  }

  /** A whole HTTP answer, status line to body. */
  private static byte[] answer(byte[] body) {
    byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: " + body.length
        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] answer = java.util.Arrays.copyOf(head, head.length + body.length);
    System.arraycopy(body, 0, answer, head.length, body.length);
    return answer;
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // Closing a listening socket has nothing left to report.
    }
  }
}
