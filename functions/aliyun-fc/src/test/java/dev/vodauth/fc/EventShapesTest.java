package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The translators on their own: which shape is which, and what each carries. */
class EventShapesTest {
  @Test
  void httpTriggerEventIsToldFromEveryOtherShape() {
    assertTrue(HttpTriggerEvents.isHttpTrigger(fixture("http-get.json")));
    assertFalse(HttpTriggerEvents.isHttpTrigger(fixture("cloudevent-single.json")));
    assertFalse(HttpTriggerEvents.isHttpTrigger(fixture("direct-message-with-context.json")));
    assertFalse(CloudEvents.isCloudEvent(fixture("http-get.json")));
    assertTrue(CloudEvents.isCloudEvent(fixture("cloudevent-single.json")));
    assertTrue(CloudEvents.isBatch(fixture("cloudevent-batch-mixed.json")));
    assertFalse(CloudEvents.isBatch(JSON.createArrayNode()));
    assertFalse(MnsTopicEvents.isTopicNotification(fixture("direct-message-with-context.json")));
  }

  @Test
  void commaJoinedQueryParametersBecomeRepeatedValues() {
    ObjectNode event = (ObjectNode) fixture("http-get-repeated-videoid.json");

    HttpRequest request = HttpTriggerEvents.toRequest(event);

    assertEquals(List.of("93ab850b4f6f4b6e91d24d81d4a1c2e0", "5aa0bbf5e8a84c7fb7a3a0f5c1d20001"), request.query().get("VideoId"));
    assertEquals("GET", request.method());
  }

  @Test
  void headersAreKeptAsFcJoinedThemAndBodyAndBase64FlagPassThrough() {
    ObjectNode event = (ObjectNode) fixture("http-post-base64.json");
    ((ObjectNode) event.path("headers")).put("X-Request-Tag", "a,b");

    HttpRequest request = HttpTriggerEvents.toRequest(event);

    assertEquals("a,b", request.header("x-request-tag"));
    assertEquals("application/json", request.header("content-type"));
    assertTrue(request.isBase64Encoded());
    assertEquals(event.path("body").asText(), request.body());
  }

  @Test
  void wronglyTypedFieldsAreReadLeniently() {
    ObjectNode event = (ObjectNode) fixture("http-get.json");
    event.put("headers", "not a map");
    event.putObject("queryParameters").putArray("VideoId").add("x");
    event.putNull("body");

    HttpRequest request = HttpTriggerEvents.toRequest(event);

    assertTrue(request.query().isEmpty());
    assertNull(request.body());
  }

  @Test
  void responseStructCarriesStatusHeadersAndTextBody() {
    HttpResponse response = HttpResponse.of(201, Map.of("Content-Type", "application/json"), "{\"a\":\"中文\"}");

    ObjectNode struct = HttpTriggerEvents.toResponse(response, JSON);

    assertEquals(201, struct.path("statusCode").asInt());
    assertEquals("application/json", struct.path("headers").path("Content-Type").asText());
    assertFalse(struct.path("isBase64Encoded").asBoolean(true));
    assertEquals("{\"a\":\"中文\"}", struct.path("body").asText());
  }

  @Test
  void messageBodyIsJsonFirstThenBase64ElseLeftAsText() throws Exception {
    String message = "{\"VideoId\":\"abc\"}";
    String base64 = Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8));

    assertEquals(JSON.readTree(message), MessageBodies.read(TextNode.valueOf(message), JSON, 512));
    assertEquals(JSON.readTree(message), MessageBodies.read(TextNode.valueOf(base64), JSON, 512));
    assertEquals(TextNode.valueOf("QUJD"), MessageBodies.read(TextNode.valueOf("QUJD"), JSON, 512), "Base64 of non-JSON stays text");
    assertEquals(TextNode.valueOf("{broken"), MessageBodies.read(TextNode.valueOf("{broken"), JSON, 512));
    JsonNode object = JSON.readTree(message);
    assertEquals(object, MessageBodies.read(object, JSON, 512), "an object is already the message");
  }

  @Test
  void aBodyOverTheBoundIsLeftAsDeliveredForTheCoreToRefuse() throws Exception {
    String message = "{\"VideoId\":\"abc\"}"; // 17 bytes
    String base64 = Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)); // 24 bytes

    assertEquals(JSON.readTree(message), MessageBodies.read(TextNode.valueOf(message), JSON, 17), "at the bound: read");
    assertEquals(TextNode.valueOf(message), MessageBodies.read(TextNode.valueOf(message), JSON, 16), "over it: left as text");
    assertEquals(JSON.readTree(message), MessageBodies.read(TextNode.valueOf(base64), JSON, 24));
    assertEquals(TextNode.valueOf(base64), MessageBodies.read(TextNode.valueOf(base64), JSON, 23),
        "Base64 is measured as delivered, not decoded");
  }

  @Test
  void customEventsCarryTheMessageInData() throws Exception {
    ObjectNode event = (ObjectNode) fixture("cloudevent-single.json");
    event.put("type", "vod:Upload:RefreshRequested");
    event.set("data", JSON.readTree("{\"VideoId\":\"abc\",\"messageBody\":\"ignored: not an MNS event\"}"));

    assertEquals("abc", CloudEvents.message(event, JSON, 512).path("VideoId").asText());
    event.remove("data");
    assertTrue(CloudEvents.message(event, JSON, 512).isNull());
  }
}
