package dev.vodauth.function;

import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.fuzz.AnswerInvariants;
import dev.vodauth.fuzz.CaseCount;
import dev.vodauth.fuzz.EventMutations;
import dev.vodauth.fuzz.GeneratedCases;
import dev.vodauth.fuzz.VodFault;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.operation.CreateUpload;
import dev.vodauth.operation.PlayAuth;
import dev.vodauth.operation.RefreshUpload;
import dev.vodauth.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The shared core's HTTP face, {@link VodFunction#handleHttp}, with generated requests: methods,
 * headers, query strings, bodies, content types and encodings, now and then a VOD fault, keys of
 * the environment or of an STS role. Every answer must keep {@link AnswerInvariants}. Cases and
 * seed: {@link GeneratedCases} ({@code -Dgenerated.cases=N}, {@code -Dgenerated.seed=N}).
 */
class VodFunctionHttpPropertyTest {
  private static final String STS_ID = "STS.fuzz-role-key-id";
  private static final String STS_SECRET = "fuzz-sts-secret-Hq2Lw8";
  private static final String STS_TOKEN = "CAIS+fuzz/sts=token9Vb";
  private static final List<String> VIDEO_IDS = List.of(FunctionFixture.PLAYABLE, FunctionFixture.UPLOADING,
      FunctionFixture.DAMAGED, FunctionFixture.UNKNOWN);
  private static final AnswerInvariants INVARIANTS = new AnswerInvariants(List.of(FunctionFixture.KEY_ID,
      FunctionFixture.KEY_SECRET, STS_ID, STS_SECRET, STS_TOKEN, "CAIS%2Bfuzz%2Fsts%3Dtoken9Vb"));

  private static FunctionFixture fixture;
  private static final CaseCount COUNT = new CaseCount("VodFunction.handleHttp");

  @BeforeAll
  static void start() throws Exception {
    fixture = new FunctionFixture().start(Map.of("VOD_READ_TIMEOUT_MS", "3000", "CORS_ALLOWED_ORIGINS", "https://player.example.com"));
    fixture.emulator.addStsKey(STS_ID, STS_SECRET, STS_TOKEN);
  }

  @AfterAll
  static void stop() {
    COUNT.report(fixture.emulator.requestCount());
    fixture.close();
  }

  @Test
  void everyRequestIsAnsweredByTheContract() {
    GeneratedCases.theory().forAll(requests()).checkAssert(VodFunctionHttpPropertyTest::answeredByTheContract);
  }

  private static void answeredByTheContract(GeneratedRequest generated) {
    COUNT.add();
    fixture.logLines.clear();
    boolean faulted = generated.sts
        ? generated.fault.script(fixture.emulator, STS_ID, STS_SECRET, STS_TOKEN)
        : generated.fault.script(fixture.emulator, FunctionFixture.KEY_ID, FunctionFixture.KEY_SECRET, "no-token");
    VodFunction function = fixture.functions.function(generated.function);
    Invocation invocation = FunctionFixture.invocation("fuzz");
    if (generated.sts) invocation = invocation.withCredentials(VodCredentials.of(STS_ID, STS_SECRET, STS_TOKEN));

    HttpResponse response = function.handleHttp(generated.request, invocation);

    INVARIANTS.checkHttp(response.status(), response.headers(), response.body(), faulted);
    fixture.logLines.forEach(INVARIANTS::cleanLog);
  }

  private static Gen<GeneratedRequest> requests() {
    Gen<String> methods = Generate.frequency(Pair.of(6, Generate.constant("GET")), Pair.of(6, Generate.constant("POST")),
        Pair.of(1, Generate.constant("OPTIONS")), Pair.of(1, Generate.pick(List.of("DELETE", "get", "", "PATCH", "G E T"))),
        Pair.of(1, SourceDSL.strings().allPossible().ofLengthBetween(0, 12)));
    // A plain Random from a generated long: one value to shrink and replay, however many choices the request makes.
    Gen<String> functions = Generate.pick(List.of(PlayAuth.NAME, RefreshUpload.NAME, CreateUpload.NAME));
    return methods.zip(SourceDSL.longs().all(), VodFault.gen(), functions, Generate.pick(List.of(true, false, false)),
        (method, seed, fault, function, sts) -> new GeneratedRequest(request(method, new Random(seed)), fault, function, sts));
  }

  private static HttpRequest request(String method, Random random) {
    HttpRequest.Builder builder = HttpRequest.builder(method);
    StringBuilder pairs = new StringBuilder();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      String name = name(random);
      String value = value(random, name);
      builder.queryParameter(name, value);
    }
    if (random.nextInt(4) == 0) builder.header("Accept", pick(random, "application/json", "application/xml", "*/*", "text/xml;q=0.1", ""));
    if (random.nextInt(3) == 0) builder.header("Origin", pick(random, "https://player.example.com", "https://evil.example", "null", ""));
    if (random.nextInt(5) == 0) builder.header("Access-Control-Request-Headers", pick(random, "authorization, content-type", "x-evil", ""));
    if (random.nextInt(6) == 0) builder.header(word(random), word(random));
    String contentType = pick(random, "application/json", "application/json; charset=UTF-8", "application/x-www-form-urlencoded",
        "text/plain", "application/octet-stream", "application/xml", "multipart/form-data", "", "application/problem+json", "text/html; x=y");
    if (!contentType.isEmpty() || random.nextBoolean()) builder.header("Content-Type", contentType);
    int fields = random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      String name = name(random);
      pairs.append(i == 0 ? "" : "&").append(name).append('=').append(value(random, name));
    }
    String body;
    boolean base64 = false;
    switch (random.nextInt(9)) {
      case 0:
        body = null;
        break;
      case 1:
      case 2:
        body = jsonObject(random);
        break;
      case 3:
        body = pairs.toString();
        break;
      case 4:
        byte[] bytes = new byte[random.nextInt(400)];
        random.nextBytes(bytes);
        body = Base64.getEncoder().encodeToString(bytes);
        base64 = true;
        break;
      case 5:
        body = Base64.getEncoder().encodeToString(jsonObject(random).getBytes(StandardCharsets.UTF_8));
        base64 = true;
        break;
      case 6:
        body = "x".repeat(16_000 + random.nextInt(2_000));
        base64 = random.nextBoolean();
        break;
      case 7:
        body = EventMutations.randomString(random, 200);
        base64 = random.nextInt(4) == 0;
        break;
      default:
        body = pick(random, "", " ", "[]", "null", "[{\"VideoId\":\"" + FunctionFixture.PLAYABLE + "\"}]", "{", "{\"VideoId\":");
        break;
    }
    return builder.body(body, base64).build();
  }

  /** A JSON object, its keys maybe repeated (same or another value, in another case). */
  private static String jsonObject(Random random) {
    StringBuilder json = new StringBuilder("{");
    int count = 1 + random.nextInt(5);
    for (int i = 0; i < count; i++) {
      String name = name(random);
      json.append(i == 0 ? "" : ",").append('"').append(escape(name)).append("\":");
      switch (random.nextInt(6)) {
        case 0:
          json.append(random.nextInt(5000));
          break;
        case 1:
          json.append(pick(random, "null", "true", "[1,2]", "{\"a\":1}", "1.5e3"));
          break;
        default:
          json.append('"').append(escape(value(random, name))).append('"');
      }
    }
    return json.append('}').toString();
  }

  private static String name(Random random) {
    switch (random.nextInt(8)) {
      case 0:
      case 1:
        return "VideoId";
      case 2:
        return pick(random, "videoid", "VIDEOID", "videoId");
      case 3:
        return pick(random, "AuthInfoTimeout", "authinfotimeout");
      case 4:
        return pick(random, "Format", "format", "Action");
      case 5:
        return pick(random, "utm", "utm_source", "Context", "Title");
      case 6:
        // create-upload's fields, the caller's and the deployment's
        return random.nextBoolean() ? pick(random, "Title", "FileName", "filename", "FileSize", "Description", "Tags", "CateId", "CoverURL")
            : random.nextInt(3) == 0 ? pick(random, "TemplateGroupId", "WorkflowId", "StorageLocation", "AppId", "UserData") : word(random);
      default:
        return word(random);
    }
  }

  private static String value(Random random, String name) {
    if (name.equalsIgnoreCase("VideoId") && random.nextInt(4) > 0) return VIDEO_IDS.get(random.nextInt(VIDEO_IDS.size()));
    if (name.equalsIgnoreCase("AuthInfoTimeout") && random.nextBoolean()) return String.valueOf(random.nextInt(4000) - 100);
    if (name.equalsIgnoreCase("Format")) return pick(random, "XML", "JSON", "xml", "yaml", "");
    if (name.equalsIgnoreCase("Action")) return pick(random, "GetVideoPlayAuth", "RefreshUploadVideo", "CreateUploadVideo");
    if (name.equalsIgnoreCase("FileName") && random.nextInt(3) > 0) {
      return EventMutations.randomString(random, 20) + pick(random, ".mp4", ".MOV", ".webm", ".exe", "", ".", ".mp4 ");
    }
    if ((name.equalsIgnoreCase("FileSize") || name.equalsIgnoreCase("CateId")) && random.nextBoolean()) {
      return pick(random, "1", "0", "-5", "1048576", "9223372036854775807", "9223372036854775808", "1e3", String.valueOf(random.nextLong()));
    }
    if (name.equalsIgnoreCase("Tags") && random.nextBoolean()) {
      return pick(random, "a,b", "a,,b", ",", "creator:x", "t".repeat(33), String.join(",", java.util.Collections.nCopies(17, "t")));
    }
    if (name.equalsIgnoreCase("CoverURL") && random.nextBoolean()) {
      return pick(random, "https://img.example/c.jpg", "javascript:alert(1)", "http://", "https://x.example/" + "c".repeat(1100));
    }
    return random.nextInt(20) == 0 ? "y".repeat(20_000) : EventMutations.randomString(random, 40);
  }

  private static String word(Random random) {
    StringBuilder s = new StringBuilder();
    int length = 1 + random.nextInt(10);
    for (int i = 0; i < length; i++) s.append((char) ('a' + random.nextInt(26)));
    return s.toString();
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** One generated case, printed by QuickTheories when it fails. */
  static final class GeneratedRequest {
    final HttpRequest request;
    final VodFault fault;
    final String function;
    final boolean sts;

    GeneratedRequest(HttpRequest request, VodFault fault, String function, boolean sts) {
      this.request = request;
      this.fault = fault;
      this.function = function;
      this.sts = sts;
    }

    @Override
    public String toString() {
      return function + " " + request.method() + " query=" + request.query()
          + " Content-Type=" + request.header("Content-Type") + " Accept=" + request.header("Accept")
          + " base64=" + request.isBase64Encoded() + " body=" + AnswerInvariants.abbreviate(request.body())
          + " fault=" + fault + (sts ? " sts" : "");
    }
  }
}
