package dev.vodauth.function;

import dev.vodauth.priming.Priming;
import static dev.vodauth.function.FunctionFixture.DAMAGED;
import static dev.vodauth.function.FunctionFixture.PLAYABLE;
import static dev.vodauth.function.FunctionFixture.UNKNOWN;
import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

/** The HTTP contract end to end: request in, the real SDK against the emulator, response out. */
@Timeout(30)
class VodFunctionHttpTest {
  private final FunctionFixture fixture = new FunctionFixture();

  @BeforeEach
  void setUp() throws Exception {
    fixture.start(Map.of("CORS_ALLOWED_ORIGINS", "https://player.example"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private HttpResponse playAuth(HttpRequest request) {
    return fixture.functions.playAuth().handleHttp(request, FunctionFixture.invocation("test"));
  }

  private HttpResponse refresh(HttpRequest request) {
    return fixture.functions.refreshUpload().handleHttp(request, FunctionFixture.invocation("test"));
  }

  private JsonNode json(HttpResponse response) throws Exception {
    return fixture.json.readTree(response.body());
  }

  @Test
  void getAnswersTheApiResponseFieldForField() throws Exception {
    HttpResponse response = playAuth(HttpRequest.builder("GET").rawQuery("videoId=" + PLAYABLE + "&AuthInfoTimeout=300").build());

    assertEquals(200, response.status());
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    assertEquals("no-store", response.header("Cache-Control"));
    JsonNode body = json(response);
    assertEquals(PLAYABLE, body.path("VideoMeta").path("VideoId").asText());
    assertEquals("阿里云VOD", body.path("VideoMeta").path("Title").asText());
    assertTrue(body.path("PlayAuth").isTextual());
    assertTrue(body.path("RequestId").isTextual());
  }

  @Test
  void xmlIsTheApisXmlForm() throws Exception {
    HttpResponse response = playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE + "&Format=XML").build());

    assertEquals(200, response.status());
    assertEquals("application/xml; charset=utf-8", response.header("Content-Type"));
    Document xml = parseXml(response.body());
    assertEquals("GetVideoPlayAuthResponse", xml.getDocumentElement().getTagName());
    assertEquals("阿里云VOD", xml.getElementsByTagName("Title").item(0).getTextContent());
    assertEquals(1, xml.getElementsByTagName("PlayAuth").getLength());
  }

  @Test
  void acceptHeaderAsksForXml() throws Exception {
    HttpResponse response = refresh(HttpRequest.builder("GET").header("Accept", "application/xml").rawQuery("VideoId=" + UPLOADING).build());

    assertEquals("RefreshUploadVideoResponse", parseXml(response.body()).getDocumentElement().getTagName());
  }

  @Test
  void xmlErrorIsTheErrorElement() throws Exception {
    HttpResponse response = playAuth(HttpRequest.builder("GET").rawQuery("Format=XML").build());

    assertEquals(400, response.status());
    Document xml = parseXml(response.body());
    assertEquals("Error", xml.getDocumentElement().getTagName());
    assertEquals("MissingParameter", xml.getElementsByTagName("Code").item(0).getTextContent());
    assertEquals("req-test", xml.getElementsByTagName("RequestId").item(0).getTextContent());
  }

  @Test
  void postJsonFormAndBase64AllWork() throws Exception {
    String form = "VideoId=" + UPLOADING;
    HttpResponse viaJson = refresh(post("application/json", "{\"VideoId\":\"" + UPLOADING + "\"}", false));
    HttpResponse viaForm = refresh(post("application/x-www-form-urlencoded", form, false));
    HttpResponse viaBase64 = refresh(post("application/x-www-form-urlencoded",
        Base64.getEncoder().encodeToString(form.getBytes(StandardCharsets.UTF_8)), true));

    for (HttpResponse response : new HttpResponse[] {viaJson, viaForm, viaBase64}) {
      assertEquals(200, response.status(), response.body());
      assertEquals(UPLOADING, json(response).path("VideoId").asText());
      assertTrue(json(response).path("UploadAuth").isTextual());
    }
  }

  @Test
  void postWithQueryParametersOnlyWorks() {
    assertEquals(200, refresh(HttpRequest.builder("POST").rawQuery("VideoId=" + UPLOADING).build()).status());
  }

  @Test
  void vodErrorsKeepVodsCodeMessageAndRequestId() throws Exception {
    HttpResponse notFound = playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + UNKNOWN).build());
    RecordedVodRequest recorded = fixture.emulator.takeRequest(1, TimeUnit.SECONDS);

    assertEquals(404, notFound.status());
    JsonNode body = json(notFound);
    assertEquals("InvalidVideo.NotFound", body.path("Code").asText());
    assertEquals("The video does not exist.", body.path("Message").asText());
    assertEquals(recorded.requestId(), body.path("RequestId").asText());
    assertEquals(3, body.size());
    assertEquals(403, playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + UPLOADING).build()).status());
    assertEquals(400, refresh(HttpRequest.builder("GET").rawQuery("VideoId=" + DAMAGED).build()).status());
  }

  @Test
  void validationRefusalsMakeNoVodCall() throws Exception {
    String[] queries = {"", "VideoId=..%2Fx", "VideoId=" + PLAYABLE + "&AuthInfoTimeout=99",
        "VideoId=" + PLAYABLE + "&AuthInfoTimeout=3001", "VideoId=" + PLAYABLE + "&AuthInfoTimeout=abc",
        "VideoId=" + PLAYABLE + "&AuthInfoTimeout=300.5", "VideoId=" + PLAYABLE + "&Action=RefreshUploadVideo"};
    for (String query : queries) {
      HttpResponse response = playAuth(HttpRequest.builder("GET").rawQuery(query).build());

      assertEquals(400, response.status(), query);
      assertEquals("req-test", json(response).path("RequestId").asText());
    }
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void authInfoTimeoutRefusalNamesTheRange() throws Exception {
    HttpResponse response = playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE + "&AuthInfoTimeout=3001").build());

    assertEquals("AuthInfoTimeout must be a whole number of seconds between 100 and 3000.", json(response).path("Message").asText());
  }

  @Test
  void unknownParametersAreNeverForwarded() throws Exception {
    playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE + "&Title=x&AccessKeyId=evil&Format=JSON").build());

    RecordedVodRequest recorded = fixture.emulator.takeRequest(1, TimeUnit.SECONDS);
    assertNull(recorded.parameter("Title"));
    assertEquals(FunctionFixture.KEY_ID, recorded.accessKeyId());
  }

  @Test
  void otherMethodsAre405WithAllow() throws Exception {
    HttpResponse response = playAuth(HttpRequest.builder("DELETE").rawQuery("VideoId=" + PLAYABLE).build());

    assertEquals(405, response.status());
    assertEquals("GET, POST, OPTIONS", response.header("Allow"));
    assertEquals("MethodNotAllowed", json(response).path("Code").asText());
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void largeBodyIs413() throws Exception {
    HttpResponse response = playAuth(post("application/json", "{\"VideoId\":\"" + "a".repeat(1024 * 1024) + "\"}", false));

    assertEquals(413, response.status());
    assertEquals("PayloadTooLarge", json(response).path("Code").asText());
  }

  @Test
  void throttledAnswerCarriesRetryAfter() throws Exception {
    for (int i = 0; i < 3; i++) fixture.emulator.enqueue(ScriptedResponse.throttling());

    HttpResponse response = playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE).build());

    assertEquals(429, response.status());
    assertEquals("1", response.header("Retry-After"));
    assertEquals("Throttling.User", json(response).path("Code").asText());
  }

  @Test
  void allowedOriginGetsCorsHeadersOthersNone() {
    HttpResponse allowed = playAuth(HttpRequest.builder("GET").header("Origin", "https://player.example").rawQuery("VideoId=" + PLAYABLE).build());
    HttpResponse other = playAuth(HttpRequest.builder("GET").header("Origin", "https://evil.example").rawQuery("VideoId=" + PLAYABLE).build());

    assertEquals("https://player.example", allowed.header("Access-Control-Allow-Origin"));
    assertEquals("Origin", allowed.header("Vary"));
    assertNull(other.header("Access-Control-Allow-Origin"));
  }

  @Test
  void preflightAnswers204WithCorsForAnAllowedOrigin() {
    HttpResponse response = playAuth(HttpRequest.builder("OPTIONS").header("Origin", "https://player.example")
        .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "content-type").build());

    assertEquals(204, response.status());
    assertEquals("", response.body());
    assertEquals("https://player.example", response.header("Access-Control-Allow-Origin"));
    assertEquals("GET, POST, OPTIONS", response.header("Access-Control-Allow-Methods"));
    assertEquals("Authorization, Content-Type", response.header("Access-Control-Allow-Headers"), "fixed, never echoed");
    assertEquals("no-store", response.header("Cache-Control"));
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void corsAnswersExposeRequestIdAndRetryAfter() {
    HttpResponse response = playAuth(HttpRequest.builder("GET").header("Origin", "https://player.example").rawQuery("VideoId=" + PLAYABLE).build());
    HttpResponse other = playAuth(HttpRequest.builder("GET").header("Origin", "https://evil.example").rawQuery("VideoId=" + PLAYABLE).build());

    assertEquals("X-Request-Id, Retry-After, WWW-Authenticate", response.header("Access-Control-Expose-Headers"));
    assertNull(other.header("Access-Control-Expose-Headers"));
  }

  @Test
  void refreshUploadAnswersNoCorsWithoutTokens() {
    HttpResponse preflight = refresh(HttpRequest.builder("OPTIONS").header("Origin", "https://player.example").build());
    HttpResponse post = refresh(HttpRequest.builder("POST").header("Origin", "https://player.example")
        .header("Content-Type", "application/json").body("{\"VideoId\":\"" + UPLOADING + "\"}", false).build());

    assertEquals(204, preflight.status());
    assertEquals(200, post.status());
    assertFalse(preflight.headers().keySet().stream().anyMatch(h -> h.startsWith("Access-Control")), preflight.headers().toString());
    assertFalse(post.headers().keySet().stream().anyMatch(h -> h.startsWith("Access-Control")), post.headers().toString());
  }

  @Test
  void noCorsHeadersWhenTheAllowListIsEmpty() throws Exception {
    fixture.close();
    FunctionFixture plain = new FunctionFixture().start(Map.of());
    try {
      HttpResponse response = plain.functions.playAuth().handleHttp(HttpRequest.builder("OPTIONS").header("Origin", "https://player.example").build(),
          FunctionFixture.invocation("test"));

      assertEquals(204, response.status());
      assertFalse(response.headers().keySet().stream().anyMatch(h -> h.startsWith("Access-Control")), response.headers().toString());
    } finally {
      plain.close();
    }
  }

  @Test
  void everyInvocationWritesOneLogLine() throws Exception {
    playAuth(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE).build());

    assertEquals(1, fixture.logLines.size());
    JsonNode line = fixture.json.readTree(fixture.logLines.get(0));
    assertEquals("req-test", line.path("requestId").asText());
    assertEquals("play-auth", line.path("function").asText());
    assertEquals("test", line.path("trigger").asText());
    assertEquals(PLAYABLE, line.path("videoId").asText());
    assertEquals("Success", line.path("outcome").asText());
    assertEquals(200, line.path("status").asInt());
    assertEquals(1, line.path("attempts").asInt());
    assertTrue(line.path("vodRequestId").isTextual());
    assertTrue(line.path("durationMs").isNumber());
    assertTrue(line.path("time").isTextual());
  }

  @Test
  void unexpectedFailureIs500WithNoDetailAndAnErrorLogLine() throws Exception {
    fixture.close();
    FunctionFixture broken = new FunctionFixture().start(Map.of(), () -> {
      throw new IllegalStateException("boom at https://vod.example/?AccessKeyId=abc&Signature=xyz");
    });
    try {
      HttpResponse response = broken.functions.playAuth().handleHttp(
          HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE).build(), FunctionFixture.invocation("test"));

      assertEquals(500, response.status());
      assertEquals("{\"RequestId\":\"req-test\",\"Code\":\"InternalError\",\"Message\":\"The function failed unexpectedly.\"}", response.body());
      JsonNode line = broken.json.readTree(broken.logLines.get(0));
      assertEquals("ERROR", line.path("level").asText());
      assertEquals("java.lang.IllegalStateException: boom at https://vod.example/?[redacted]", line.path("message").asText());
    } finally {
      broken.close();
    }
  }

  @Test
  void missingKeysAnswerAGenericMessageAndLogTheReason() throws Exception {
    fixture.close();
    FunctionFixture keyless = new FunctionFixture().start(Map.of(), dev.vodauth.credentials.EnvironmentCredentials.from(Map.of()));
    try {
      HttpResponse response = keyless.functions.playAuth().handleHttp(
          HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE).build(), FunctionFixture.invocation("test"));

      assertEquals(502, response.status());
      assertEquals("The function has no VOD credentials.", json(response).path("Message").asText());
      JsonNode line = keyless.json.readTree(keyless.logLines.get(0));
      assertEquals("VodCredentialsUnavailable", line.path("outcome").asText());
      assertTrue(line.path("message").asText().contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), line.toString());
    } finally {
      keyless.close();
    }
  }

  @Test
  void primingMakesNoVodCallAndLogsNothing() {
    Priming.prime(fixture.functions);

    assertEquals(0, fixture.emulator.requestCount());
    assertEquals(0, fixture.logLines.size());
  }

  @Test
  void primingRunsThePlatformPathAgainstTheLoopbackStandIn() throws Exception {
    java.util.List<HttpResponse> answers = new java.util.ArrayList<>();

    Priming.prime(fixture.functions, 3, twin -> answers.add(twin.refreshUpload().handleHttp(
        HttpRequest.builder("GET").rawQuery("VideoId=" + UPLOADING).build(), FunctionFixture.invocation("prime"))));

    assertEquals(3, answers.size());
    for (HttpResponse answer : answers) {
      assertEquals(200, answer.status(), answer.body());
      assertEquals("00000000-0000-4000-8000-000000000001", json(answer).path("RequestId").asText());
    }
    assertEquals(0, fixture.emulator.requestCount());
    assertEquals(0, fixture.logLines.size());
  }

  private static HttpRequest post(String contentType, String body, boolean base64) {
    return HttpRequest.builder("POST").header("Content-Type", contentType).body(body, base64).build();
  }

  private static Document parseXml(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
