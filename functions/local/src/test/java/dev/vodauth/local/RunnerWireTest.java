package dev.vodauth.local;

import static dev.vodauth.emulator.DemoCatalogue.PLAYABLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner's HTTP framing over a real socket with raw bytes (slow or truncated heads and bodies,
 * malformed framing, oversized input, HTTP/1.0), and CORS headers on the runner's own errors.
 */
class RunnerWireTest {
  /** Short limits, so the slow-client tests take about a second. */
  static final LocalHttpServer.Limits LIMITS = new LocalHttpServer.Limits(1_000, 1_000, 5_000);
  private static final String ORIGIN = "https://player.example.com";

  private static LocalRunner runner;
  private static final List<String> LOG = new CopyOnWriteArrayList<>();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  static void start() throws IOException {
    Map<String, String> env = new HashMap<>(RunnerFixture.FAST);
    env.put("CORS_ALLOWED_ORIGINS", ORIGIN);
    runner = LocalRunner.start(env, 0, LOG::add, LIMITS);
    // The first VOD call warms the SDK (seconds on a loaded machine): done here, not inside a test's time bound.
    Wire.send(runner.port(), Wire.ascii("GET /play-auth?VideoId=" + PLAYABLE + " HTTP/1.1\r\nHost: a\r\n\r\n"), true,
        30_000);
  }

  @AfterAll
  static void stop() {
    runner.close();
  }

  private Wire.Exchange send(String request) throws IOException {
    return Wire.send(runner.port(), Wire.ascii(request), true, 10_000);
  }

  /** The one answer, in the contract's shape, with this status and code. */
  private JsonNode expect(Wire.Exchange exchange, int status, String code) throws IOException {
    Wire.Answer answer = exchange.only();
    Wire.assertContract(answer, false);
    assertEquals(status, answer.status, answer.toString());
    JsonNode body = json.readTree(answer.body);
    assertEquals(code, body.path("Code").asText(), answer.toString());
    return body;
  }

  /** Undertow's own 400 without a body, then the connection closed: what a request it cannot parse gets. */
  private static void expectParserRefusal(Wire.Exchange exchange) {
    assertTrue(exchange.closedByServer && exchange.millis < 2_000, exchange.toString());
    assertTrue(Wire.isParserRefusal(exchange.only()), exchange.toString());
  }

  @Test
  void malformedEscapeInTheQueryIsRefusedByUndertow() throws IOException {
    expectParserRefusal(send("GET /play-auth?VideoId=%zz HTTP/1.1\r\nHost: a\r\n\r\n"));
  }

  @Test
  void doubleSlashPathIsA404InTheErrorShape() throws IOException {
    JsonNode body = expect(send("GET //play-auth HTTP/1.1\r\nHost: a\r\n\r\n"), 404, "NotFound");
    assertTrue(body.path("Message").asText().startsWith("Nothing is served at //play-auth"), body.toString());
  }

  @Test
  void nonNumericContentLengthIsRefusedByUndertow() throws IOException {
    expectParserRefusal(send("POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n{}"));
  }

  @Test
  void duplicateContentLengthsAreRefused() throws IOException {
    expectParserRefusal(send("POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}x"));
  }

  @Test
  void transferCodingOtherThanChunkedIsAnswered501InTheErrorShape() throws IOException {
    JsonNode body = expect(send("POST /play-auth HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
        501, "NotImplemented");
    assertTrue(body.path("Message").asText().contains("gzip, chunked"), body.toString());
  }

  @Test
  void chunkedBodyWithATrailerReachesTheFunction() throws IOException {
    String message = "{\"VideoId\":\"" + PLAYABLE + "\"}";
    Wire.Exchange exchange = send("POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(message.length()) + "\r\n" + message
        + "\r\n0\r\nX-Checksum: 1\r\n\r\n");
    JsonNode body = json.readTree(exchange.only().body);
    Wire.assertContract(exchange.only(), false);
    assertEquals(200, exchange.only().status, exchange.toString());
    assertTrue(body.path("PlayAuth").isTextual(), body.toString());
  }

  @Test
  void bodyCutShortOfItsContentLengthByAHalfCloseIsAnswered400() throws IOException {
    expect(send("POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Vi"),
        400, "MalformedRequest");
  }

  /**
   * A malformed chunked body: Undertow's chunk reader closes the connection, with no answer or with
   * one in the contract's shape (what it read of the body reached the function), never hanging.
   */
  private void expectChunkedClosed(String body) throws IOException {
    Wire.Exchange exchange = send("POST /play-auth HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n" + body);
    assertTrue(exchange.closedByServer && exchange.millis < 2_000, exchange.toString());
    assertTrue(exchange.answers.size() <= 1, exchange.toString());
    exchange.answers.forEach(answer -> Wire.assertContract(answer, false));
  }

  @Test
  void chunkedBodyCutShortByAHalfCloseClosesTheConnection() throws IOException {
    expectChunkedClosed("10\r\n{\"Vi");
  }

  @Test
  void chunkSizeThatIsNotHexadecimalClosesTheConnection() throws IOException {
    expectChunkedClosed("zz\r\n{}\r\n0\r\n\r\n");
  }

  @Test
  void chunkLongerThanItsSizeClosesTheConnection() throws IOException {
    expectChunkedClosed("1\r\n{}\r\n0\r\n\r\n");
  }

  @Test
  void malformedTrailerClosesTheConnection() throws IOException {
    expectChunkedClosed("2\r\n{}\r\n0\r\nnot a field\r\n\r\n");
  }

  @Test
  void pipelinedChunkedRequestsAreBothAnswered() throws IOException {
    // The bytes read past the first body are handed back to the connection for the next request.
    String message = "{\"VideoId\":\"" + PLAYABLE + "\"}";
    String one = "POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5\r\n" + message.substring(0, 5) + "\r\n" + Integer.toHexString(message.length() - 5) + ";ext=1\r\n"
        + message.substring(5) + "\r\n0\r\nX-Checksum: 1\r\n\r\n";
    Wire.Exchange exchange = send(one + one);
    assertEquals(2, exchange.answers.size(), exchange.toString());
    for (Wire.Answer answer : exchange.answers) {
      Wire.assertContract(answer, false);
      assertEquals(200, answer.status, exchange.toString());
    }
  }

  @Test
  void bareLineFeedRequestIsRefusedNotHung() throws IOException {
    expectParserRefusal(Wire.send(runner.port(), Wire.ascii("GET /play-auth?VideoId=" + PLAYABLE
        + " HTTP/1.1\nHost: a\n\n"), false, 5_000));
  }

  @Test
  void headerLargerThanTheLimitIsRefusedByUndertow() throws IOException {
    String big = "a".repeat(LocalHttpServer.MAX_HEADER_BYTES + 1);
    expectParserRefusal(send("GET /play-auth HTTP/1.1\r\nHost: a\r\nX-Big: " + big + "\r\n\r\n"));
  }

  @Test
  void bodyThatStopsArrivingIsAnswered408AfterTheBodyLimit() throws IOException {
    Wire.Exchange exchange = Wire.send(runner.port(), Wire.ascii("POST /play-auth HTTP/1.1\r\nHost: a\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"Vi"), false, 5_000);
    assertTrue(exchange.millis >= LIMITS.bodyMillis - 50 && exchange.millis < LIMITS.bodyMillis + 1_500, exchange.toString());
    expect(exchange, 408, "RequestTimeout");
  }

  @Test
  void headersThatStopArrivingAreCutOffAfterTheHeadersLimit() throws IOException {
    Wire.Exchange exchange = Wire.send(runner.port(), Wire.ascii("GET /play-auth HTTP/1.1\r\nHost: a\r\nX-Slow: "),
        false, 8_000);
    assertTrue(exchange.closedByServer && exchange.millis < LIMITS.headersMillis + 2_000, exchange.toString());
    exchange.answers.forEach(answer -> Wire.assertContract(answer, false));
  }

  @Test
  void sixtyFourSlowClientsDoNotDelayANormalRequest() throws Exception {
    // Bodies are read without holding a worker thread, so slow clients cannot starve the others.
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 64; i++) {
        Socket socket = new Socket("127.0.0.1", runner.port());
        OutputStream out = socket.getOutputStream();
        out.write(Wire.ascii("POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
            + "Content-Length: 1000\r\n\r\n{\"VideoId\":"));
        out.flush();
        slow.add(socket);
      }
      long t0 = System.nanoTime();
      Wire.Exchange normal = send("GET /play-auth?VideoId=" + PLAYABLE + " HTTP/1.1\r\nHost: a\r\n\r\n");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertEquals(200, normal.only().status, normal.toString());
      assertTrue(millis < 500, "a normal request took " + millis + " ms beside 64 slow clients");
      // And each slow client is answered 408 in the contract's shape when its body limit passes.
      for (Socket socket : slow) {
        socket.setSoTimeout(5_000);
        InputStream in = socket.getInputStream();
        Wire.Answer answer = Wire.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get(0);
        Wire.assertContract(answer, false);
        assertEquals(408, answer.status, answer.toString());
      }
    } finally {
      for (Socket socket : slow) socket.close();
    }
  }

  @Test
  void unknownPathAnswers404WithCorsHeadersForAnAllowedOrigin() throws IOException {
    // Without CORS headers a mistyped path is an opaque "Failed to fetch" in JavaScript.
    Wire.Exchange exchange = send("GET /play-auht?VideoId=" + PLAYABLE + " HTTP/1.1\r\nHost: a\r\nOrigin: " + ORIGIN
        + "\r\n\r\n");
    expect(exchange, 404, "NotFound");
    assertEquals(ORIGIN, exchange.only().header("Access-Control-Allow-Origin"), exchange.toString());
  }

  @Test
  void wrongMethodOnAnEventPathAnswers405WithCorsHeadersForAnAllowedOrigin() throws IOException {
    Wire.Exchange exchange = send("GET /events/play-auth HTTP/1.1\r\nHost: a\r\nOrigin: " + ORIGIN + "\r\n\r\n");
    expect(exchange, 405, "MethodNotAllowed");
    assertEquals("POST", exchange.only().header("Allow"));
    assertEquals(ORIGIN, exchange.only().header("Access-Control-Allow-Origin"), exchange.toString());
  }

  @Test
  void keepAliveConnectionServesRequestsOneAfterAnother() throws IOException {
    String get = "GET /play-auth?VideoId=" + PLAYABLE + " HTTP/1.1\r\nHost: a\r\n\r\n";
    Wire.Exchange exchange = send(get + get + "GET /nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
    assertEquals(3, exchange.answers.size(), exchange.toString());
    exchange.answers.forEach(answer -> Wire.assertContract(answer, false));
    assertEquals(404, exchange.answers.get(2).status);
  }
}
