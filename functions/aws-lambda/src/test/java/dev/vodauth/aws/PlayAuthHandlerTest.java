package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** play-auth: the function URL sample answered field for field, direct calls, bad input, CORS. */
@Timeout(30)
class PlayAuthHandlerTest {
  @RegisterExtension final Harness harness = Harness.onDemoCatalogue();

  @Test
  void functionUrlSampleIsAnsweredAsTheSampleResponse() throws Exception {
    JsonNode expected = harness.json.readTree(Samples.file("function_url_get.response.json").toFile());
    JsonNode expectedBody = harness.json.readTree(expected.path("body").asText());
    JsonNode meta = expectedBody.path("VideoMeta");
    // The catalogue holds the sample's video, as the sample response describes it.
    harness.emulator.addVideo(Video.of(meta.path("VideoId").asText(), VideoStatus.NORMAL)
        .withTitle(meta.path("Title").asText())
        .withDuration(meta.path("Duration").asDouble())
        .withCoverUrl(meta.path("CoverURL").asText()));

    JsonNode actual = harness.invoke(harness.playAuth(), Samples.file("function_url_get.json"));

    assertEquals(expected.path("statusCode"), actual.path("statusCode"));
    assertEquals(expected.path("isBase64Encoded"), actual.path("isBase64Encoded"));
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      assertEquals(header.getValue(), actual.path("headers").path(header.getKey()), header.getKey());
    }
    assertEquals("no-store", actual.path("headers").path("Cache-Control").asText());
    ObjectNode actualBody = (ObjectNode) harness.body(actual);
    // RequestId and PlayAuth are VOD's, new on every call: present, then compared as the sample's.
    assertTrue(actualBody.path("RequestId").isTextual() && actualBody.path("PlayAuth").isTextual());
    actualBody.set("RequestId", expectedBody.path("RequestId"));
    actualBody.set("PlayAuth", expectedBody.path("PlayAuth"));
    assertEquals(expectedBody, actualBody);
  }

  @Test
  void directInvocationAnswersTheApiResponseWithContext() throws Exception {
    JsonNode answer = harness.invoke(harness.playAuth(), Harness.resource("events/direct/message.json"));

    assertEquals(DemoCatalogue.PLAYABLE, answer.path("VideoMeta").path("VideoId").asText());
    assertTrue(answer.path("PlayAuth").isTextual());
    assertEquals(harness.json.readTree("{\"uploadId\":\"u-42\",\"attempt\":3}"), answer.path("Context"));
    assertEquals("direct", harness.json.readTree(harness.logLines.get(0)).path("trigger").asText());
  }

  @Test
  void eventBridgeEventIsNotAPlayAuthTriggerAndIsAnsweredItsFailureRecord() {
    JsonNode answer = harness.invoke(harness.playAuth(), Harness.resource("events/eventbridge/good.json"));

    assertEquals("MissingParameter", answer.path("Code").asText());
    assertTrue(answer.path("VideoId").isNull());
    assertEquals(0, harness.emulator.requestCount());
  }

  @Test
  void authInfoTimeoutAboveTheMaximumIs400BeforeAnyVodCall() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Harness.read(Harness.resource("events/v2/get.json")));
    event.put("rawQueryString", "VideoId=" + DemoCatalogue.PLAYABLE + "&AuthInfoTimeout=5000");

    JsonNode response = harness.invoke(harness.playAuth(), harness.json.writeValueAsBytes(event));

    assertEquals(400, response.path("statusCode").asInt());
    JsonNode body = harness.body(response);
    assertEquals("InvalidParameter", body.path("Code").asText());
    assertTrue(body.path("Message").asText().contains("between 100 and 3000"), body.toString());
    assertEquals(0, harness.emulator.requestCount());
  }

  @Test
  void otherMethodsAre405WithAllow() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Harness.read(Harness.resource("events/v1/get.json")));
    event.put("httpMethod", "DELETE");

    JsonNode response = harness.invoke(harness.playAuth(), harness.json.writeValueAsBytes(event));

    assertEquals(405, response.path("statusCode").asInt());
    assertEquals("GET, POST, OPTIONS", response.path("headers").path("Allow").asText());
    assertEquals("MethodNotAllowed", harness.body(response).path("Code").asText());
  }

  @Test
  void multiValueQueryAndHeadersOfARestApiReachTheCore() throws Exception {
    JsonNode response = harness.invoke(harness.playAuth(), Harness.resource("events/v1/get-xml-multivalue.json"));

    assertEquals(200, response.path("statusCode").asInt());
    assertEquals("application/xml; charset=utf-8", response.path("headers").path("Content-Type").asText());
    assertTrue(response.path("body").asText().startsWith("<?xml"), response.path("body").asText());
    assertTrue(response.path("body").asText().contains("<GetVideoPlayAuthResponse>"));
  }

  @Test
  void handlerAddsCorsHeadersOnlyWhenConfiguredWithoutAFunctionUrlCors() {
    harness.with("CORS_ALLOWED_ORIGINS", "https://player.example.com");

    JsonNode get = harness.invoke(harness.playAuth(), Harness.resource("events/v2/get.json"));
    JsonNode preflight = harness.invoke(harness.playAuth(), Harness.resource("events/v2/options.json"));

    assertEquals("https://player.example.com", get.path("headers").path("Access-Control-Allow-Origin").asText());
    assertEquals(204, preflight.path("statusCode").asInt());
    assertEquals("https://player.example.com", preflight.path("headers").path("Access-Control-Allow-Origin").asText());
    assertEquals("GET, POST, OPTIONS", preflight.path("headers").path("Access-Control-Allow-Methods").asText());
  }

  @Test
  void inputThatIsNotJsonIsAnsweredAFailureRecord() {
    JsonNode answer = harness.invoke(harness.playAuth(), "not json at all".getBytes(StandardCharsets.UTF_8));

    assertEquals("InvalidParameter", answer.path("Code").asText());
    assertNull(answer.get("PlayAuth"));
    assertFalse(answer.path("Message").asText().isEmpty());
    assertEquals(0, harness.emulator.requestCount());
  }
}
