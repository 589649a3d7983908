package dev.vodauth.local;

import static dev.vodauth.emulator.DemoCatalogue.BLOCKED;
import static dev.vodauth.emulator.DemoCatalogue.PLAYABLE;
import static dev.vodauth.emulator.DemoCatalogue.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Generated raw HTTP/1.1 requests over real sockets to a real runner (embedded emulator): methods,
 * paths, queries, headers, line endings, and body framing (Content-Length right, short, long,
 * non-numeric, negative, twice; chunked with and without trailers, bad chunk sizes, cut short;
 * other transfer codings), each sent then half-closed. Invariants: a well-formed request is
 * answered, and every answer to it follows the contract ({@link Wire#assertContract}); a malformed
 * one gets answers in the contract's shape or Undertow's own bodiless 400, or none (a broken
 * chunked body); the server closes every connection promptly (never hangs). Generated with QuickTheories, which shrinks a failing
 * case and reports it with its seed. Cases: {@code -Dgenerated.cases} (2,000 by default; the long
 * run in BENCHMARKS.md passes more); replay a failure with {@code -Dgenerated.seed=<the seed>}.
 */
class RunnerWirePropertyTest {
  private static final LocalHttpServer.Limits LIMITS = new LocalHttpServer.Limits(500, 500, 5_000);
  private static final String ORIGIN = "https://player.example.com";
  private static final int CASES = Integer.getInteger("generated.cases", 2_000);
  /** A failing case costs a socket exchange (up to 10 s if the server hangs) per shrink step: keep shrinking bounded. */
  private static final int SHRINK_CYCLES = Integer.getInteger("generated.shrinks", 100);
  private static LocalRunner runner;
  private static final List<String> LOG = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    Map<String, String> env = new HashMap<>(RunnerFixture.FAST);
    env.put("CORS_ALLOWED_ORIGINS", ORIGIN);
    runner = LocalRunner.start(env, 0, LOG::add, LIMITS);
    Wire.send(runner.port(), Wire.ascii("GET /play-auth?VideoId=" + PLAYABLE + " HTTP/1.1\r\nHost: a\r\n\r\n"), true,
        30_000);
  }

  @AfterAll
  static void stop() {
    if (runner != null) runner.close();
  }

  /**
   * The seed: {@code -Dgenerated.seed} to replay a reported failure, else a new one per run (so runs explore
   * different cases). Printed up front; QuickTheories also prints it ("Seed was ...") with a falsified case.
   */
  private static QuickTheory theory(String property, int examples) {
    String given = System.getProperty("generated.seed");
    long seed = given != null && !given.isBlank() ? Long.parseLong(given.trim()) : System.nanoTime();
    System.out.printf("%s: %d generated cases, seed %d (replay: -Dgenerated.seed=%d)%n", property, examples, seed, seed);
    return QuickTheory.qt().withFixedSeed(seed).withExamples(examples).withShrinkCycles(SHRINK_CYCLES);
  }

  /**
   * One generated request: its bytes, whether it is well-formed (its answers follow the contract),
   * and whether the runner must answer it: a well-formed one, or one whose framing Undertow refuses
   * with its own 400 (a non-numeric or a second, different Content-Length, both Content-Length and
   * Transfer-Encoding, an oversized head).
   */
  static final class RawRequest {
    final byte[] bytes;
    final boolean wellFormed;
    final boolean mustBeAnswered;
    final boolean head;
    final String shown;

    RawRequest(byte[] bytes, boolean wellFormed, boolean mustBeAnswered, boolean head) {
      this.bytes = bytes;
      this.wellFormed = wellFormed;
      this.mustBeAnswered = mustBeAnswered;
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

  @Test
  void everyAnswerFollowsTheContractAndNoConnectionHangs() {
    AtomicInteger cases = new AtomicInteger();
    long started = System.nanoTime();
    theory("everyAnswerFollowsTheContractAndNoConnectionHangs", CASES).forAll(requests()).checkAssert(request -> {
      cases.incrementAndGet();
      Wire.Exchange exchange = send(request.bytes, true, request.head);
      for (Wire.Answer answer : exchange.answers) {
        if (request.wellFormed) Wire.assertContract(answer, request.head);
        else Wire.assertContractOrRefusal(answer, request.head);
      }
      assertTrue(exchange.closedByServer, "the connection was left open after a half-close: " + exchange);
      if (request.mustBeAnswered) assertFalse(exchange.answers.isEmpty(), "a request that must be answered got none: " + exchange);
    });
    // QuickTheories skips (and counts) a case it has already run, so this can be a little under the cases asked for.
    System.out.printf("everyAnswerFollowsTheContractAndNoConnectionHangs: %d cases sent, all passed, in %d ms%n",
        cases.get(), (System.nanoTime() - started) / 1_000_000);
  }

  /** Slowloris: a prefix of a valid request and then silence; the server answers 408 or closes within its limits. */
  @Test
  void aClientThatStopsSendingIsCutOffInBoundedTime() {
    theory("aClientThatStopsSendingIsCutOffInBoundedTime", 8).forAll(slowPrefixes()).checkAssert(prefix -> {
      Wire.Exchange exchange = send(prefix, false, false);
      long bound = LIMITS.headersMillis + LIMITS.bodyMillis + 2_000;
      assertTrue(exchange.closedByServer && exchange.millis < bound, "not cut off within " + bound + " ms: " + exchange);
      for (Wire.Answer answer : exchange.answers) Wire.assertContractOrRefusal(answer, false);
    });
  }

  private static Wire.Exchange send(byte[] bytes, boolean halfClose, boolean head) {
    try {
      return Wire.send(runner.port(), bytes, halfClose, 10_000, head);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Gen<byte[]> slowPrefixes() {
    String full = "POST /play-auth HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 46\r\n\r\n"
        + "{\"VideoId\":\"" + PLAYABLE + "\"}";
    return SourceDSL.integers().between(1, full.length() - 1).map(n -> Wire.ascii(full.substring(0, n)))
        .describedAs(bytes -> new String(bytes, StandardCharsets.ISO_8859_1));
  }

  private static final List<String> METHODS = List.of("GET", "POST", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH");

  /** {@code weightA} in {@code weightA + weightB} from {@code a}, the rest from {@code b}. */
  private static <T> Gen<T> weighted(int weightA, Gen<T> a, int weightB, Gen<T> b) {
    return Generate.frequency(List.of(Pair.of(weightA, a), Pair.of(weightB, b)));
  }

  /** Method, path and query of the request line. */
  private static final class Target {
    final String method;
    final String path;
    final String query;

    Target(String method, String path, String query) {
      this.method = method;
      this.path = path;
      this.query = query;
    }
  }

  /** Line ending, an oversized header, HTTP/1.0. */
  private static final class Shape {
    final String lineEnd;
    final boolean huge;
    final boolean http10;

    Shape(String lineEnd, boolean huge, boolean http10) {
      this.lineEnd = lineEnd;
      this.huge = huge;
      this.http10 = http10;
    }
  }

  static Gen<RawRequest> requests() {
    Gen<String> method = weighted(
        8, Generate.pick(METHODS),
        1, Generate.pick(List.of("TRACE", "CONNECT", "FOO", "get", "G T", "", "GET\u0000")));
    Gen<String> path = weighted(
        8, Generate.pick(List.of("/play-auth", "/refresh-upload", "/events/play-auth", "/events/refresh-upload")),
        2, Generate.pick(List.of("//play-auth", "/", "/nope", "/play-auth/", "/play-auth/x", "*",
            "/play%zz", "/play auth", "/%", "/play-auth;x", "/PLAY-AUTH", "http://a/play-auth", "/play-auth#x",
            "/pl\u00e4y", "/play-auth\u0000")));
    Gen<String> query = SourceDSL.lists().of(Generate.pick(List.of("VideoId=" + PLAYABLE, "VideoId=" + BLOCKED,
        "VideoId=" + UNKNOWN, "VideoId=%zz", "VideoId=", "VideoId", "Format=XML", "Format=JSON", "Format=x", "utm=a",
        "utm=b", "%zz=1", "a=%", "=", "&", "VideoId=a%2Cb", "VideoId=\u00e9", "VideoId=" + PLAYABLE.toUpperCase(),
        "Context=%7B%7D")))
        .ofSizeBetween(0, 4).map(params -> params.isEmpty() ? "" : "?" + String.join("&", params));
    Gen<String> header = Generate.pick(List.of("Content-Type", "Accept", "Origin", "X-Custom", "Authorization", "Cookie",
            "Host", "Connection", "Expect", "Access-Control-Request-Method", "Bad Name", "", "X-\u00dcnicode",
            "Content-Encoding"))
        .zip(Generate.pick(List.of("application/json", "application/x-www-form-urlencoded", "text/plain",
            "application/xml", "*/*", ORIGIN, "https://evil.example", "close", "keep-alive", "100-continue", "gzip",
            "Bearer x.y.z", "", " ", "a\u0000b", "v\u00e9", "GET", "a".repeat(300))),
            (name, value) -> name + ": " + value);
    Gen<List<String>> headers = SourceDSL.lists().of(header).ofSizeBetween(0, 4);
    Gen<String> body = Generate.pick(List.of("", "{}", "{\"VideoId\":\"" + PLAYABLE + "\"}", "VideoId=" + PLAYABLE,
        "{\"VideoId\":\"" + PLAYABLE + "\",\"VideoId\":\"" + UNKNOWN + "\"}", "[{\"VideoId\":\"" + PLAYABLE + "\"}]",
        "not json", "\u00ff\u00fe\u0000", "x".repeat(20_000), "{\"VideoId\":" + "[".repeat(2_000) + "}"));
    Gen<Framing> framing = weighted(
        6, Generate.pick(List.of(Framing.NONE, Framing.CONTENT_LENGTH, Framing.CHUNKED, Framing.CHUNKED_TRAILER)),
        4, Generate.enumValues(Framing.class));
    Gen<String> lineEnd = weighted(9, Generate.constant("\r\n"), 1, Generate.constant("\n"));
    Gen<Boolean> hugeHeader = weighted(30, Generate.constant(false), 1, Generate.constant(true));
    Gen<Boolean> http10 = weighted(15, Generate.constant(false), 1, Generate.constant(true));
    Gen<Target> target = method.zip(path, query, Target::new);
    Gen<Shape> shape = lineEnd.zip(hugeHeader, http10, Shape::new);
    return target.zip(headers, body, framing, shape, RunnerWirePropertyTest::build);
  }

  /** How a body is framed: right, wrong in each way a client can get it wrong, or unsupported. */
  enum Framing {
    NONE, CONTENT_LENGTH, CHUNKED, CHUNKED_TRAILER,
    CONTENT_LENGTH_TOO_LARGE, CONTENT_LENGTH_TOO_SMALL, CONTENT_LENGTH_NOT_A_NUMBER, CONTENT_LENGTH_NEGATIVE,
    CONTENT_LENGTH_TWICE_SAME, CONTENT_LENGTH_TWICE_DIFFERENT, CHUNK_SIZE_NOT_HEX, CHUNK_SIZE_TOO_LARGE, CHUNKED_CUT,
    CHUNKED_NO_LAST_CHUNK, GZIP_CHUNKED, IDENTITY, CHUNKED_AND_CONTENT_LENGTH
  }

  private static RawRequest build(Target target, List<String> headers, String body, Framing framing, Shape shape) {
    String method = target.method;
    String path = target.path;
    String query = target.query;
    String lineEnd = shape.lineEnd;
    boolean huge = shape.huge;
    boolean http10 = shape.http10;
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
    boolean refusedByUndertow = huge || framing == Framing.CONTENT_LENGTH_NOT_A_NUMBER
        || framing == Framing.CONTENT_LENGTH_TWICE_DIFFERENT || framing == Framing.CHUNKED_AND_CONTENT_LENGTH;
    boolean restWellFormed = METHODS.contains(method) && path.startsWith("/") && path.chars().allMatch(c -> c > 32 && c < 127)
        && query.chars().allMatch(c -> c > 32 && c < 127) && lineEnd.equals("\r\n") && !http10
        // A % not followed by two hex digits (RFC 3986 2.1), or a fragment (RFC 9112 3.2): Undertow refuses it.
        && !(path + query).matches(".*%(?![0-9A-Fa-f]{2}).*") && !path.contains("#")
        && headers.stream().allMatch(h -> h.matches("[A-Za-z-]+: [\\x20-\\x7e]*"))
        // HTTP/1.1 allows one Host header (RFC 9112 3.2): a second one makes the request malformed.
        && headers.stream().noneMatch(h -> h.startsWith("Host:"));
    return new RawRequest(out.toByteArray(), restWellFormed && framedRight && !refusedByUndertow,
        restWellFormed && framedRight, method.equals("HEAD"));
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
