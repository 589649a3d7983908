package dev.vodauth.local;

import static dev.vodauth.emulator.DemoCatalogue.BLOCKED;
import static dev.vodauth.emulator.DemoCatalogue.PLAYABLE;
import static dev.vodauth.emulator.DemoCatalogue.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated raw HTTP/1.1 requests over real sockets to a real runner (embedded emulator): methods,
 * paths, queries, headers, line endings, and body framing (Content-Length right, short, long,
 * non-numeric, negative, twice; chunked with and without trailers, bad chunk sizes, cut short;
 * other transfer codings), each sent then half-closed. Invariants: every answer that comes follows
 * the contract ({@link Wire#assertContract}); a well-formed request is answered; the server closes
 * every connection promptly (never hangs). Tries: {@code jqwik.tries.default} (2,000 in
 * {@code junit-platform.properties}; the long run in BENCHMARKS.md passes more).
 */
class RunnerWirePropertyTest {
  private static final LocalHttpServer.Limits LIMITS = new LocalHttpServer.Limits(500, 500, 5_000);
  private static final String ORIGIN = "https://player.example.com";
  private static LocalRunner runner;
  private static final List<String> LOG = new CopyOnWriteArrayList<>();

  @BeforeContainer
  static void start() throws IOException {
    Map<String, String> env = new HashMap<>(RunnerFixture.FAST);
    env.put("CORS_ALLOWED_ORIGINS", ORIGIN);
    runner = LocalRunner.start(env, 0, LOG::add, LIMITS);
    Wire.send(runner.port(), Wire.ascii("GET /play-auth?VideoId=" + PLAYABLE + " HTTP/1.1\r\nHost: a\r\n\r\n"), true,
        30_000);
  }

  @AfterContainer
  static void stop() {
    if (runner != null) runner.close();
  }

  /** One generated request: its bytes, and whether a correct HTTP/1.1 server must answer it. */
  static final class RawRequest {
    final byte[] bytes;
    final boolean wellFormed;
    final boolean head;
    final String shown;

    RawRequest(byte[] bytes, boolean wellFormed, boolean head) {
      this.bytes = bytes;
      this.wellFormed = wellFormed;
      this.head = head;
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      this.shown = (wellFormed ? "well-formed: " : "malformed: ")
          + (text.length() > 600 ? text.substring(0, 600) + "...(" + text.length() + " bytes)" : text);
    }

    @Override
    public String toString() {
      return shown;
    }
  }

  @Property
  void everyAnswerFollowsTheContractAndNoConnectionHangs(@ForAll("requests") RawRequest request) throws IOException {
    Wire.Exchange exchange = Wire.send(runner.port(), request.bytes, true, 10_000, request.head);
    for (Wire.Answer answer : exchange.answers) Wire.assertContract(answer, request.head);
    assertTrue(exchange.closedByServer, "the connection was left open after a half-close: " + exchange);
    if (request.wellFormed) assertFalse(exchange.answers.isEmpty(), "a well-formed request got no answer: " + exchange);
  }

  /** Slowloris: a prefix of a valid request and then silence; the server answers 408 or closes within its limits. */
  @Property(tries = 8)
  void aClientThatStopsSendingIsCutOffInBoundedTime(@ForAll("slowPrefixes") byte[] prefix) throws IOException {
    Wire.Exchange exchange = Wire.send(runner.port(), prefix, false, 10_000);
    long bound = LIMITS.headersMillis + LIMITS.bodyMillis + 2_000;
    assertTrue(exchange.closedByServer && exchange.millis < bound, "not cut off within " + bound + " ms: " + exchange);
    for (Wire.Answer answer : exchange.answers) Wire.assertContract(answer, false);
  }

  @Provide
  Arbitrary<byte[]> slowPrefixes() {
    String full = "POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 46\r\n\r\n"
        + "{\"VideoId\":\"" + PLAYABLE + "\"}";
    return Arbitraries.integers().between(1, full.length() - 1).map(n -> Wire.ascii(full.substring(0, n)));
  }

  private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH");

  @Provide
  Arbitrary<RawRequest> requests() {
    Arbitrary<String> method = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of(METHODS)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("TRACE", "CONNECT", "FOO", "get", "G T", "", "GET\u0000")));
    Arbitrary<String> path = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.of("/play-auth", "/refresh-upload", "/events/play-auth",
            "/events/refresh-upload")),
        net.jqwik.api.Tuple.of(2, Arbitraries.of("//play-auth", "/", "/nope", "/play-auth/", "/play-auth/x", "*",
            "/play%zz", "/play auth", "/%", "/play-auth;x", "/PLAY-AUTH", "http://a/play-auth", "/play-auth#x",
            "/pl\u00e4y", "/play-auth\u0000")));
    Arbitrary<String> query = Arbitraries.of("VideoId=" + PLAYABLE, "VideoId=" + BLOCKED, "VideoId=" + UNKNOWN,
        "VideoId=%zz", "VideoId=", "VideoId", "Format=XML", "Format=JSON", "Format=x", "utm=a", "utm=b", "%zz=1",
        "a=%", "=", "&", "VideoId=a%2Cb", "VideoId=\u00e9", "VideoId=" + PLAYABLE.toUpperCase(), "Context=%7B%7D")
        .list().ofMaxSize(4).map(params -> params.isEmpty() ? "" : "?" + String.join("&", params));
    Arbitrary<String> header = Combinators.combine(
        Arbitraries.of("Content-Type", "Accept", "Origin", "X-Custom", "Authorization", "Cookie", "Host",
            "Connection", "Expect", "Access-Control-Request-Method", "Bad Name", "", "X-\u00dcnicode", "Content-Encoding"),
        Arbitraries.of("application/json", "application/x-www-form-urlencoded", "text/plain", "application/xml",
            "*/*", ORIGIN, "https://evil.example", "close", "keep-alive", "100-continue", "gzip", "Bearer x.y.z",
            "", " ", "a\u0000b", "v\u00e9", "GET", "a".repeat(300)))
        .as((name, value) -> name + ": " + value);
    Arbitrary<List<String>> headers = header.list().ofMaxSize(4);
    Arbitrary<String> body = Arbitraries.of("", "{}", "{\"VideoId\":\"" + PLAYABLE + "\"}", "VideoId=" + PLAYABLE,
        "{\"VideoId\":\"" + PLAYABLE + "\",\"VideoId\":\"" + UNKNOWN + "\"}", "[{\"VideoId\":\"" + PLAYABLE + "\"}]",
        "not json", "\u00ff\u00fe\u0000", "x".repeat(20_000), "{\"VideoId\":" + "[".repeat(2_000) + "}");
    Arbitrary<Framing> framing = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.of(Framing.NONE, Framing.CONTENT_LENGTH, Framing.CHUNKED,
            Framing.CHUNKED_TRAILER)),
        net.jqwik.api.Tuple.of(4, Arbitraries.of(Framing.values())));
    Arbitrary<String> lineEnd = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(9, Arbitraries.just("\r\n")), net.jqwik.api.Tuple.of(1, Arbitraries.just("\n")));
    Arbitrary<Boolean> hugeHeader = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(30, Arbitraries.just(false)), net.jqwik.api.Tuple.of(1, Arbitraries.just(true)));
    Arbitrary<Boolean> http10 = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(15, Arbitraries.just(false)), net.jqwik.api.Tuple.of(1, Arbitraries.just(true)));
    return Combinators.combine(method, path, query, headers, body, framing, lineEnd, hugeHeader.flatMap(
        huge -> http10.map(old -> new boolean[] {huge, old})))
        .as(RunnerWirePropertyTest::build);
  }

  /** How a body is framed: right, wrong in each way the issue found, or unsupported. */
  enum Framing {
    NONE, CONTENT_LENGTH, CHUNKED, CHUNKED_TRAILER,
    CONTENT_LENGTH_TOO_LARGE, CONTENT_LENGTH_TOO_SMALL, CONTENT_LENGTH_NOT_A_NUMBER, CONTENT_LENGTH_NEGATIVE,
    CONTENT_LENGTH_TWICE_SAME, CONTENT_LENGTH_TWICE_DIFFERENT, CHUNK_SIZE_NOT_HEX, CHUNK_SIZE_TOO_LARGE, CHUNKED_CUT,
    CHUNKED_NO_LAST_CHUNK, GZIP_CHUNKED, IDENTITY, CHUNKED_AND_CONTENT_LENGTH
  }

  private static RawRequest build(String method, String path, String query, List<String> headers, String body,
      Framing framing, String lineEnd, boolean[] flags) {
    boolean huge = flags[0];
    boolean http10 = flags[1];
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(path).append(query).append(http10 ? " HTTP/1.0" : " HTTP/1.1").append(lineEnd);
    head.append("Host: 127.0.0.1").append(lineEnd);
    for (String header : headers) head.append(header).append(lineEnd);
    if (huge) head.append("X-Huge: ").append("h".repeat(LocalHttpServer.MAX_HEADER_BYTES + 10)).append(lineEnd);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] sent = bodyBytes;
    switch (framing) {
      case NONE:
        sent = new byte[0];
        break;
      case CONTENT_LENGTH:
        head.append("Content-Length: ").append(bodyBytes.length).append(lineEnd);
        break;
      case CONTENT_LENGTH_TOO_LARGE:
        head.append("Content-Length: ").append(bodyBytes.length + 10).append(lineEnd);
        break;
      case CONTENT_LENGTH_TOO_SMALL:
        head.append("Content-Length: ").append(Math.max(0, bodyBytes.length - 3)).append(lineEnd);
        break;
      case CONTENT_LENGTH_NOT_A_NUMBER:
        head.append("Content-Length: abc").append(lineEnd);
        break;
      case CONTENT_LENGTH_NEGATIVE:
        head.append("Content-Length: -").append(bodyBytes.length).append(lineEnd);
        break;
      case CONTENT_LENGTH_TWICE_SAME:
        head.append("Content-Length: ").append(bodyBytes.length).append(lineEnd);
        head.append("Content-Length: ").append(bodyBytes.length).append(lineEnd);
        break;
      case CONTENT_LENGTH_TWICE_DIFFERENT:
        head.append("Content-Length: ").append(bodyBytes.length).append(lineEnd);
        head.append("Content-Length: ").append(bodyBytes.length + 1).append(lineEnd);
        break;
      case GZIP_CHUNKED:
        head.append("Transfer-Encoding: gzip, chunked").append(lineEnd);
        sent = chunked(bodyBytes, "0\r\n\r\n", false);
        break;
      case IDENTITY:
        head.append("Transfer-Encoding: identity").append(lineEnd);
        break;
      case CHUNKED_AND_CONTENT_LENGTH:
        head.append("Transfer-Encoding: chunked").append(lineEnd);
        head.append("Content-Length: ").append(bodyBytes.length).append(lineEnd);
        sent = chunked(bodyBytes, "0\r\n\r\n", false);
        break;
      default:
        head.append("Transfer-Encoding: chunked").append(lineEnd);
        sent = chunkedFor(framing, bodyBytes);
    }
    head.append(lineEnd);
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(sent);
    boolean framedRight = framing == Framing.NONE || framing == Framing.CONTENT_LENGTH || framing == Framing.CHUNKED
        || framing == Framing.CHUNKED_TRAILER || framing == Framing.CONTENT_LENGTH_TOO_LARGE
        || framing == Framing.GZIP_CHUNKED || framing == Framing.CHUNKED_AND_CONTENT_LENGTH
        || framing == Framing.CONTENT_LENGTH_NOT_A_NUMBER || framing == Framing.CONTENT_LENGTH_TWICE_DIFFERENT;
    boolean wellFormed = METHODS.contains(method) && path.startsWith("/") && path.chars().allMatch(c -> c > 32 && c < 127)
        && query.chars().allMatch(c -> c > 32 && c < 127) && lineEnd.equals("\r\n") && !http10 && framedRight
        && headers.stream().allMatch(h -> h.matches("[A-Za-z-]+: [\\x20-\\x7e]*"))
        // HTTP/1.1 allows one Host header (RFC 9112 3.2): a second one makes the request malformed.
        && headers.stream().noneMatch(h -> h.startsWith("Host:"));
    return new RawRequest(out.toByteArray(), wellFormed, method.equals("HEAD"));
  }

  private static byte[] chunkedFor(Framing framing, byte[] body) {
    switch (framing) {
      case CHUNKED_TRAILER:
        return chunked(body, "0\r\nX-Checksum: 1\r\nX-Other: 2\r\n\r\n", false);
      case CHUNK_SIZE_NOT_HEX:
        return ("zz\r\n" + new String(body, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
      case CHUNK_SIZE_TOO_LARGE:
        return ("ffffffffffffffffff\r\n" + new String(body, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
      case CHUNKED_CUT:
        return chunked(body, "", true);
      case CHUNKED_NO_LAST_CHUNK:
        return chunked(body, "", false);
      default:
        return chunked(body, "0\r\n\r\n", false);
    }
  }

  /** The body in chunks of up to 7 bytes (many chunk boundaries), then the end; {@code cut}: stops mid-chunk. */
  private static byte[] chunked(byte[] body, String end, boolean cut) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += 7) {
      int n = Math.min(7, body.length - at);
      out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body, at, cut && at + n >= body.length ? Math.max(0, n - 2) : n);
      if (cut && at + n >= body.length) return out.toByteArray();
      out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    if (cut) out.writeBytes("5\r\nab".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(end.getBytes(StandardCharsets.ISO_8859_1));
    return out.toByteArray();
  }
}
