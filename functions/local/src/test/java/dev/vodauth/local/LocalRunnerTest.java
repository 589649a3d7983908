package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.RecordedVodRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LocalRunnerTest {
  private static final String PLAYABLE = DemoCatalogue.PLAYABLE;
  private static final String AUTH_INFO_TIMEOUT_RULE = "AuthInfoTimeout must be a whole number of seconds between 100 and 3000.";

  private RunnerFixture local;

  @BeforeEach
  void startRunner() throws IOException {
    local = RunnerFixture.start();
  }

  @AfterEach
  void stopRunner() {
    local.assertNoSecretLeaked();
    local.close();
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20001, 200, ",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20002, 403, Forbidden.IllegalStatus",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20003, 403, Forbidden.IllegalStatus",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20004, 403, Forbidden.IllegalStatus",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff, 404, InvalidVideo.NotFound",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20001, 200, ",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20002, 200, ",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20003, 200, ",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20004, 400, InvalidVideo.Damaged",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff, 404, InvalidVideo.NotFound"})
  void demoVideoAnswersItsDocumentedStatusInJson(String function, String videoId, int status, String code) {
    HttpResponse<String> response = local.get("/" + function + "?VideoId=" + videoId);

    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    JsonNode body = local.tree(response);
    assertTrue(body.path("RequestId").isTextual(), response.body());
    if (code == null) {
      List<String> expected = function.equals("play-auth")
          ? List.of("RequestId", "VideoMeta", "PlayAuth")
          : List.of("RequestId", "UploadAddress", "UploadAuth", "VideoId");
      assertFieldsAre(expected, body);
    } else {
      assertFieldsAre(List.of("RequestId", "Code", "Message"), body);
      assertEquals(code, body.path("Code").asText());
      assertFalse(body.path("Message").asText().isEmpty());
    }
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20001, 200, GetVideoPlayAuthResponse",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20002, 403, Forbidden.IllegalStatus",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20003, 403, Forbidden.IllegalStatus",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d20004, 403, Forbidden.IllegalStatus",
      "play-auth,      5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff, 404, InvalidVideo.NotFound",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20001, 200, RefreshUploadVideoResponse",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20002, 200, RefreshUploadVideoResponse",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20003, 200, RefreshUploadVideoResponse",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d20004, 400, InvalidVideo.Damaged",
      "refresh-upload, 5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff, 404, InvalidVideo.NotFound"})
  void demoVideoAnswersItsDocumentedStatusInXml(String function, String videoId, int status, String rootOrCode) {
    HttpResponse<String> byFormat = local.get("/" + function + "?VideoId=" + videoId + "&Format=XML");
    HttpResponse<String> byAccept = local.get("/" + function + "?VideoId=" + videoId, "Accept", "application/xml");

    for (HttpResponse<String> response : List.of(byFormat, byAccept)) {
      assertEquals(status, response.statusCode(), response.body());
      assertEquals("application/xml; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
      assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
      Element root = xml(response.body()).getDocumentElement();
      if (status == 200) {
        assertEquals(rootOrCode, root.getTagName());
        assertEquals(1, root.getElementsByTagName("RequestId").getLength());
        String credential = function.equals("play-auth") ? "PlayAuth" : "UploadAuth";
        assertFalse(root.getElementsByTagName(credential).item(0).getTextContent().isEmpty());
      } else {
        assertEquals("Error", root.getTagName());
        assertEquals(rootOrCode, root.getElementsByTagName("Code").item(0).getTextContent());
        assertEquals(1, root.getElementsByTagName("Message").getLength());
      }
    }
  }

  @Test
  void playableVideoAnswersPlayAuthWithItsChineseTitle() {
    HttpResponse<String> response = local.post("/play-auth", "application/json", RunnerFixture.fixture("play-auth-body.json"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode meta = local.tree(response).path("VideoMeta");
    assertEquals(PLAYABLE, meta.path("VideoId").asText());
    assertEquals(DemoCatalogue.PLAYABLE_TITLE, meta.path("Title").asText());
    assertEquals("Normal", meta.path("Status").asText());
    RecordedVodRequest sent = local.takeVodRequest();
    assertEquals("3000", sent.parameter("AuthInfoTimeout"));
    assertTrue(sent.signatureValid());
    assertFalse(sent.parameters().containsKey("Unknown"), sent.parameters().keySet().toString());
  }

  @Test
  void refreshUploadTakesAFormBody() {
    HttpResponse<String> response =
        local.post("/refresh-upload", "application/x-www-form-urlencoded", "VideoId=" + PLAYABLE + "&Unknown=1");

    assertEquals(200, response.statusCode(), response.body());
    assertEquals(PLAYABLE, local.tree(response).path("VideoId").asText());
  }

  @Test
  void createUploadStartsAnUploadThatRefreshUploadThenServes() {
    HttpResponse<String> created = local.post("/create-upload", "application/json",
        "{\"Title\":\"西湖\",\"FileName\":\"lake.MOV\",\"FileSize\":1024}");

    assertEquals(200, created.statusCode(), created.body());
    assertEquals("no-store", created.headers().firstValue("Cache-Control").orElse(""));
    String videoId = local.tree(created).path("VideoId").asText();
    HttpResponse<String> refreshed = local.post("/refresh-upload", "application/x-www-form-urlencoded", "VideoId=" + videoId);
    assertEquals(200, refreshed.statusCode(), refreshed.body());
    HttpResponse<String> refused = local.get("/create-upload?Title=t&FileName=a.mp4&WorkflowId=mine");
    assertError(refused, 400, "InvalidParameter", "WorkflowId is not the caller's to set: the deployment sets it.");
  }

  @ParameterizedTest(name = "{0} -> {1} {2}")
  @CsvSource(delimiter = '|', value = {
      "                                                             | 400 | MissingParameter | VideoId is required.",
      "VideoId=..%2Fx                                               | 400 | InvalidParameter | VideoId must be 1 to 64 letters and digits.",
      "VideoId=../x                                                 | 400 | InvalidParameter | VideoId must be 1 to 64 letters and digits.",
      "VideoId=5aa0bbf5e8a84c7fb7a3a0f5c1d20001&AuthInfoTimeout=99   | 400 | InvalidParameter | " + AUTH_INFO_TIMEOUT_RULE,
      "VideoId=5aa0bbf5e8a84c7fb7a3a0f5c1d20001&AuthInfoTimeout=3001 | 400 | InvalidParameter | " + AUTH_INFO_TIMEOUT_RULE,
      "VideoId=5aa0bbf5e8a84c7fb7a3a0f5c1d20001&AuthInfoTimeout=abc  | 400 | InvalidParameter | " + AUTH_INFO_TIMEOUT_RULE,
      "VideoId=5aa0bbf5e8a84c7fb7a3a0f5c1d20001&AuthInfoTimeout=300.5 | 400 | InvalidParameter | " + AUTH_INFO_TIMEOUT_RULE})
  void badParameterIsRefusedBeforeAnyVodCall(String query, int status, String code, String message) {
    HttpResponse<String> response = local.get("/play-auth" + (query == null ? "" : "?" + query));

    assertError(response, status, code, message);
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void queryWithAMalformedEscapeIsRefusedByTheServer() throws IOException {
    // java.net.URI refuses to build such a query, so it goes over a plain socket; Undertow refuses
    // the request line before any function runs, with its own 400.
    String answer = local.raw("GET /play-auth?VideoId=%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

    assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
    assertTrue(Wire.isParserRefusal(Wire.parse(answer).get(0)), answer);
    assertEquals(0, local.emulator().requestCount());
    assertTrue(local.logLines().isEmpty(), local.logLines().toString());
  }

  @Test
  void malformedJsonBodyIsRefused() {
    HttpResponse<String> response = local.post("/play-auth", "application/json", RunnerFixture.fixture("malformed-body.txt"));

    assertError(response, 400, "InvalidParameter", "The body is not valid JSON.");
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void oneMebibyteBodyIsRefusedWith413() {
    byte[] body = new byte[1024 * 1024];
    Arrays.fill(body, (byte) 'a');

    HttpResponse<String> response = local.send("POST", "/play-auth",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "Content-Type", "application/json");

    assertError(response, 413, "PayloadTooLarge", "The body is larger than 16384 bytes.");
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void bodyJustOverTheLimitIsRefusedAndOneAtTheLimitIsRead() {
    String padding = "x".repeat(16 * 1024 - 60);
    String atLimit = "{\"VideoId\":\"" + PLAYABLE + "\",\"P\":\"" + padding + "\"}";
    atLimit = atLimit.replace("\"P\":\"", "\"P\":\"" + "y".repeat(16 * 1024 - atLimit.length()));

    HttpResponse<String> read = local.post("/play-auth", "application/json", atLimit);
    HttpResponse<String> refused = local.post("/play-auth", "application/json", atLimit + " ");

    assertEquals(16 * 1024, atLimit.getBytes(StandardCharsets.UTF_8).length);
    assertEquals(200, read.statusCode(), read.body());
    assertError(refused, 413, "PayloadTooLarge", "The body is larger than 16384 bytes.");
  }

  @Test
  void deleteIsRefusedWith405AndAllow() {
    HttpResponse<String> response = local.send("DELETE", "/play-auth?VideoId=" + PLAYABLE, BodyPublishers.noBody());

    assertError(response, 405, "MethodNotAllowed", "Method DELETE is not allowed: use GET, POST or OPTIONS.");
    assertEquals("GET, POST, OPTIONS", response.headers().firstValue("Allow").orElse(null));
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void optionsAnswers204WithAllowAndNoCorsHeadersByDefault() {
    HttpResponse<String> response = local.send("OPTIONS", "/play-auth", BodyPublishers.noBody(),
        "Origin", "https://player.example.com", "Access-Control-Request-Method", "GET");

    assertEquals(204, response.statusCode());
    assertEquals("", response.body());
    assertEquals("GET, POST, OPTIONS", response.headers().firstValue("Allow").orElse(null));
    assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
  }

  @Test
  void optionsFromAnAllowedOriginAnswersThePreflight() throws IOException {
    local.close();
    local = RunnerFixture.start(Map.of("CORS_ALLOWED_ORIGINS", "https://player.example.com"));

    HttpResponse<String> response = local.send("OPTIONS", "/play-auth", BodyPublishers.noBody(),
        "Origin", "https://player.example.com", "Access-Control-Request-Method", "GET");

    assertEquals(204, response.statusCode());
    assertEquals("https://player.example.com", response.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("GET, POST, OPTIONS", response.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
  }

  @Test
  void unknownPathAnswers404InTheErrorShape() {
    HttpResponse<String> response = local.get("/play-auth/extra?VideoId=" + PLAYABLE);

    // Every route the runner serves, the event routes of every function included.
    assertError(response, 404, "NotFound", "Nothing is served at /play-auth/extra: use GET or POST /play-auth,"
        + " POST /events/play-auth, GET or POST /refresh-upload, POST /events/refresh-upload,"
        + " GET or POST /create-upload or POST /events/create-upload.");
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void everyAnswerCarriesItsOwnRequestIdWhichNamesTheFunctionsOwnErrors() {
    HttpResponse<String> first = local.get("/play-auth");
    HttpResponse<String> second = local.get("/play-auth");

    String id = first.headers().firstValue("X-Request-Id").orElseThrow();
    assertEquals(id, UUID.fromString(id).toString());
    assertEquals(id, local.tree(first).path("RequestId").asText());
    assertFalse(id.equals(second.headers().firstValue("X-Request-Id").orElseThrow()));
  }

  @Test
  void eachCallWritesOneLogLineWithTheLocalTrigger() {
    HttpResponse<String> response = local.get("/play-auth?VideoId=" + PLAYABLE);

    assertEquals(200, response.statusCode());
    assertEquals(1, local.logLines().size());
    JsonNode line = treeOf(local.logLines().get(0));
    assertEquals("local-http", line.path("trigger").asText());
    assertEquals("play-auth", line.path("function").asText());
    assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), line.path("requestId").asText());
  }

  @Test
  void closingStopsTheServerAndTheEmulator() {
    String url = local.runner().url();
    int emulatorPort = local.emulator().port();

    local.close();

    assertThrows(UncheckedIOException.class, () -> local.get("/play-auth"), url);
    assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", emulatorPort).close());
  }

  private void assertError(HttpResponse<String> response, int status, String code, String message) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    JsonNode body = local.tree(response);
    assertFieldsAre(List.of("RequestId", "Code", "Message"), body);
    assertEquals(code, body.path("Code").asText());
    assertEquals(message, body.path("Message").asText());
  }

  private static void assertFieldsAre(List<String> expected, JsonNode body) {
    List<String> actual = new java.util.ArrayList<>();
    body.fieldNames().forEachRemaining(actual::add);
    assertEquals(expected.stream().sorted().collect(java.util.stream.Collectors.toList()),
        actual.stream().sorted().collect(java.util.stream.Collectors.toList()), body.toString());
  }

  private JsonNode treeOf(String text) {
    try {
      return local.json.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }

  private static Document xml(String text) {
    try {
      return DocumentBuilderFactory.newInstance().newDocumentBuilder()
          .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError("not XML: " + text, e);
    }
  }
}
