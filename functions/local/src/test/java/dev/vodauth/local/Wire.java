package dev.vodauth.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Raw bytes to the runner over a real socket, and the HTTP answers that come back, checked
 * against the contract: every answer is the functions' JSON (errors {@code {"RequestId","Code",
 * "Message"}}), with {@code Cache-Control: no-store}, {@code X-Request-Id}, and no Java class name.
 */
final class Wire {
  /** A Java type's name, or an exception's: none may reach a caller. */
  static final Pattern JAVA_NAME = Pattern.compile(
      "(java|javax|sun|jdk|io\\.undertow|org\\.xnio|org\\.jboss|com\\.fasterxml|com\\.aliyuncs|dev\\.vodauth)\\.[a-z]"
          + "|[A-Za-z]+(Exception|Error)\\b|\\bUT\\d{6}");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Wire() {}

  /** One answer as it came over the wire. */
  static final class Answer {
    final String statusLine;
    final int status;
    final Map<String, String> headers; // names lower-cased
    final String body;

    Answer(String statusLine, Map<String, String> headers, String body) {
      this.statusLine = statusLine;
      this.status = Integer.parseInt(statusLine.split(" ")[1]);
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
      return statusLine + " " + headers + "\n" + body;
    }
  }

  /** What came back for one connection: the answers, whether the server closed it, how long it took. */
  static final class Exchange {
    final List<Answer> answers;
    final boolean closedByServer;
    final long millis;
    final String raw;

    Exchange(List<Answer> answers, boolean closedByServer, long millis, String raw) {
      this.answers = answers;
      this.closedByServer = closedByServer;
      this.millis = millis;
      this.raw = raw;
    }

    Answer only() {
      if (answers.size() != 1) throw new AssertionError("expected one answer, got " + answers.size() + ": " + raw);
      return answers.get(0);
    }

    @Override
    public String toString() {
      return answers.size() + " answer(s), " + (closedByServer ? "closed" : "open") + ", " + millis + " ms: " + raw;
    }
  }

  /**
   * Sends the bytes, then (if {@code halfClose}) shuts the socket's output, and reads until the
   * server closes the connection or {@code waitMillis} pass; answers are cut by their Content-Length.
   */
  static Exchange send(int port, byte[] request, boolean halfClose, int waitMillis) throws IOException {
    return send(port, request, halfClose, waitMillis, false);
  }

  /** The same; {@code headRequest}: the first answer is to a HEAD, so it has no body whatever its Content-Length. */
  static Exchange send(int port, byte[] request, boolean halfClose, int waitMillis, boolean headRequest)
      throws IOException {
    long t0 = System.nanoTime();
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(waitMillis);
      try {
        socket.getOutputStream().write(request);
        socket.getOutputStream().flush();
        if (halfClose) socket.shutdownOutput();
      } catch (IOException serverClosedFirst) {
        // The server may answer and close before it read everything: what it answered is read below.
      }
      ByteArrayOutputStream in = new ByteArrayOutputStream();
      boolean closed = readUntilClosed(socket.getInputStream(), in, waitMillis, t0);
      String raw = new String(in.toByteArray(), StandardCharsets.UTF_8);
      return new Exchange(parse(raw, headRequest), closed, (System.nanoTime() - t0) / 1_000_000, raw);
    }
  }

  private static boolean readUntilClosed(InputStream in, ByteArrayOutputStream out, int waitMillis, long t0)
      throws IOException {
    byte[] buffer = new byte[8192];
    while ((System.nanoTime() - t0) / 1_000_000 < waitMillis) {
      try {
        int n = in.read(buffer);
        if (n < 0) return true;
        out.write(buffer, 0, n);
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException reset) {
        return true; // a reset after the answer: the connection is closed all the same
      }
    }
    return false;
  }

  /** Splits the bytes into answers (each head, then its Content-Length of body). */
  static List<Answer> parse(String raw) {
    return parse(raw, false);
  }

  static List<Answer> parse(String raw, boolean headRequest) {
    List<Answer> answers = new ArrayList<>();
    int at = 0;
    while (at < raw.length()) {
      int headEnd = raw.indexOf("\r\n\r\n", at);
      if (headEnd < 0) throw new AssertionError("an answer without a complete head: " + raw.substring(at));
      String[] lines = raw.substring(at, headEnd).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (headers.containsKey(name)) throw new AssertionError("header " + name + " twice: " + raw);
        headers.put(name, lines[i].substring(colon + 1).trim());
      }
      int bodyStart = headEnd + 4;
      // The answer to a HEAD has no body; but one that the server wrote before it could parse the
      // request (so without knowing it was a HEAD) has its body, and the connection closes after it.
      boolean headAnswer = headRequest && answers.isEmpty()
          && (bodyStart == raw.length() || raw.startsWith("HTTP/1.", bodyStart));
      boolean bodiless = headAnswer || lines[0].matches("HTTP/1\\.[01] 1\\d\\d.*");
      int length = !bodiless && headers.containsKey("content-length") ? Integer.parseInt(headers.get("content-length")) : 0;
      // Content-Length counts bytes; the answers here are ASCII but for the demo title, so count in bytes.
      byte[] rest = raw.substring(bodyStart).getBytes(StandardCharsets.UTF_8);
      if (rest.length < length) throw new AssertionError("an answer cut short of its Content-Length: " + raw);
      String body = new String(rest, 0, length, StandardCharsets.UTF_8);
      answers.add(new Answer(lines[0], headers, body));
      at = bodyStart + body.length();
    }
    return answers;
  }

  /**
   * Fails unless the answer follows the contract. {@code headRequest}: the answer to HEAD has no
   * body. A 204 (a CORS preflight) has no body either.
   */
  static void assertContract(Answer answer, boolean headRequest) {
    check(answer.statusLine.matches("HTTP/1\\.[01] \\d{3} .*"), "status line", answer);
    if (answer.status == 100) return; // "100 Continue", HTTP's interim go-ahead for Expect: 100-continue, not an answer
    check(answer.header("X-Request-Id") != null && !answer.header("X-Request-Id").isEmpty(), "X-Request-Id", answer);
    check(!JAVA_NAME.matcher(answer.toString()).find(), "a Java name in the answer", answer);
    check("no-store".equals(answer.header("Cache-Control")), "Cache-Control: no-store", answer);
    if (answer.status == 204) {
      check(answer.body.isEmpty(), "204 without a body", answer);
      return;
    }
    String type = answer.header("Content-Type");
    if (type != null && type.startsWith("application/xml")) { // the API's XML form, asked for by Format=XML or Accept
      check(headRequest && answer.body.isEmpty() || answer.body.startsWith("<?xml") && answer.body.contains("<RequestId>"), "XML with RequestId",
          answer);
      return;
    }
    check(type != null && type.startsWith("application/json"), "a JSON Content-Type", answer);
    if (headRequest && answer.body.isEmpty()) return; // a HEAD's answer; one written before the request was parsed has a body
    JsonNode body;
    try {
      body = JSON.readTree(answer.body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + answer);
    }
    // A success is VOD's answer or, on an event path, the event contract's record: a JSON object either way.
    check(body != null && body.isObject(), "a JSON object", answer);
    if (answer.status >= 400) {
      check(body.path("RequestId").isTextual() && !body.path("RequestId").asText().isEmpty(), "RequestId", answer);
      check(body.path("Code").isTextual() && !body.path("Code").asText().isEmpty(), "Code", answer);
      check(body.path("Message").isTextual() && !body.path("Message").asText().isEmpty(), "Message", answer);
    }
  }

  /**
   * Fails unless the answer follows the contract or is Undertow's own refusal of a request it
   * could not parse ({@link #isParserRefusal}).
   */
  static void assertContractOrRefusal(Answer answer, boolean headRequest) {
    if (!isParserRefusal(answer)) assertContract(answer, headRequest);
  }

  /**
   * Undertow's answer to a request it cannot parse, written before the runner sees it: a 400 with
   * no body and no X-Request-Id (its connection is then closed), and no Java name in it.
   */
  static boolean isParserRefusal(Answer answer) {
    return answer.status == 400 && answer.body.isEmpty() && answer.header("X-Request-Id") == null
        && !JAVA_NAME.matcher(answer.toString()).find();
  }

  private static void check(boolean ok, String what, Answer answer) {
    if (!ok) throw new AssertionError("contract broken (" + what + "): " + answer);
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
