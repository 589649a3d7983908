package dev.vodauth.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.operation.CreateUpload;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** create-upload through the shared core, the real SDK and the emulator over HTTP. */
class CreateUploadFunctionTest {
  private final FunctionFixture fixture = new FunctionFixture();

  @BeforeEach
  void setUp() throws Exception {
    // A read timeout far above a loaded machine's slowest answer: these tests count attempts, not time.
    fixture.start(Map.of(CreateUpload.TEMPLATE_GROUP_ID, "tg-operator", CreateUpload.CALLBACK_URL, "https://ops.example/events",
        "VOD_READ_TIMEOUT_MS", "3000"));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private HttpResponse create(HttpRequest request) {
    return fixture.functions.function(CreateUpload.NAME).handleHttp(request, FunctionFixture.invocation("function-url"));
  }

  private static HttpRequest postJson(String body) {
    return HttpRequest.builder("POST").header("Content-Type", "application/json").body(body, false).build();
  }

  @Test
  void createsAnUploadingVideoThatRefreshAndPlayAuthThenSee() throws Exception {
    HttpResponse response = create(postJson("{\"Title\":\"西湖的春天\",\"FileName\":\"West-Lake.MP4\",\"FileSize\":\"1048576\","
        + "\"Tags\":\"travel,春\",\"CateId\":\"42\",\"Description\":\"a walk\",\"CoverURL\":\"https://img.example/c.jpg\"}"));

    assertEquals(200, response.status(), response.body());
    assertEquals("no-store", response.headers().get("Cache-Control"));
    JsonNode body = fixture.json.readTree(response.body());
    assertEquals(java.util.Set.of("RequestId", "VideoId", "UploadAddress", "UploadAuth"), fieldNames(body));
    String videoId = body.path("VideoId").asText();
    assertEquals(VideoStatus.UPLOADING, fixture.emulator.video(videoId).status());
    assertEquals("西湖的春天", fixture.emulator.video(videoId).title());

    RecordedVodRequest sent = fixture.emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("CreateUploadVideo", sent.action());
    assertEquals("tg-operator", sent.parameter("TemplateGroupId"));
    assertEquals("{\"MessageCallback\":{\"CallbackURL\":\"https://ops.example/events\"}}", sent.parameter("UserData"));
    assertEquals("1048576", sent.parameter("FileSize"));
    assertEquals("42", sent.parameter("CateId"));

    HttpResponse refreshed = fixture.functions.refreshUpload().handleHttp(
        HttpRequest.builder("GET").rawQuery("VideoId=" + videoId).build(), FunctionFixture.invocation("function-url"));
    assertEquals(200, refreshed.status(), refreshed.body());
    HttpResponse playAuth = fixture.functions.playAuth().handleHttp(
        HttpRequest.builder("GET").rawQuery("VideoId=" + videoId).build(), FunctionFixture.invocation("function-url"));
    assertEquals(403, playAuth.status(), "not playable while uploading: " + playAuth.body());
    assertEquals("Forbidden.IllegalStatus", fixture.json.readTree(playAuth.body()).path("Code").asText());

    String line = fixture.logLines.get(0);
    assertTrue(line.contains("\"function\":\"create-upload\""), line);
    assertTrue(line.contains("\"videoId\":\"" + videoId + "\""), "the log names the created video: " + line);
    assertFalse(line.contains(body.path("UploadAuth").asText()), line);
    assertFalse(line.contains(body.path("UploadAddress").asText()), line);
  }

  @Test
  void anOperatorOnlyFieldIsRefusedBeforeAnyVodCall() throws Exception {
    HttpResponse response = create(HttpRequest.builder("GET")
        .rawQuery("Title=t&FileName=a.mp4&UserData=%7B%22MessageCallback%22%3A%7B%7D%7D").build());

    assertEquals(400, response.status());
    assertEquals("UserData is not the caller's to set: the deployment sets it.",
        fixture.json.readTree(response.body()).path("Message").asText());
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void aServerErrorIsNotRetriedSinceTheVideoMayExistAlready() throws Exception {
    fixture.emulator.enqueue(ScriptedResponse.internalError());

    HttpResponse response = create(HttpRequest.builder("GET").rawQuery("Title=t&FileName=a.mp4").build());

    assertEquals(502, response.status(), response.body());
    assertEquals(1, fixture.emulator.requestCount(), "one attempt: a retry could create a second video");
  }

  @Test
  void throttlingIsRetriedSinceVodActedOnNothing() throws Exception {
    fixture.emulator.enqueue(ScriptedResponse.throttling());

    HttpResponse response = create(HttpRequest.builder("GET").rawQuery("Title=t&FileName=a.mp4").build());

    assertEquals(200, response.status(), response.body());
    assertEquals(2, fixture.emulator.requestCount());
  }

  @Test
  void aDirectInvocationCreatesToo() {
    ObjectNode message = fixture.json.createObjectNode().put("Title", "t").put("FileName", "a.webm");
    message.putObject("Context").put("upload", "u-1");

    ObjectNode answer = fixture.functions.function(CreateUpload.NAME).handleEvent(message, FunctionFixture.invocation("direct"));

    assertNotNull(fixture.emulator.video(answer.path("VideoId").asText()), answer.toString());
    assertEquals("u-1", answer.path("Context").path("upload").asText());
  }

  @Test
  void signedOnlyWithoutTokensSoNoCorsHeaders() {
    FunctionFixture withCors = new FunctionFixture();
    try {
      withCors.start(Map.of("CORS_ALLOWED_ORIGINS", "https://app.example"));
      HttpResponse response = withCors.functions.function(CreateUpload.NAME).handleHttp(HttpRequest.builder("GET")
          .header("Origin", "https://app.example").rawQuery("Title=t&FileName=a.mp4").build(), FunctionFixture.invocation("t"));
      assertEquals(200, response.status());
      assertFalse(response.headers().containsKey("Access-Control-Allow-Origin"), response.headers().toString());
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      withCors.close();
    }
  }

  private static java.util.Set<String> fieldNames(JsonNode body) {
    java.util.Set<String> names = new java.util.TreeSet<>();
    body.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
