package dev.vodauth.function;

import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.config.Config;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message over EVENT_MESSAGE_MAX_BYTES gets a permanent failure record that names its size and
 * the bound, echoes nothing of it and costs no VOD call; one exactly at the bound is answered.
 */
@Timeout(30)
class MessageSizeTest {
  private static final int BOUND = 512;
  private FunctionFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    fixture = new FunctionFixture().start(Map.of(Config.EVENT_MESSAGE_MAX_BYTES, Integer.toString(BOUND)));
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  /** {"VideoId":"...","Context":{"k":"é..."}} of exactly {@code bytes} UTF-8 bytes, compact. */
  private ObjectNode messageOf(int bytes) throws Exception {
    ObjectNode message = fixture.json.createObjectNode().put("VideoId", UPLOADING);
    ObjectNode context = message.putObject("Context").put("k", "");
    StringBuilder value = new StringBuilder();
    while (size(message) + 2 <= bytes) {
      value.append('é'); // two bytes: the size is counted in UTF-8 bytes, not characters
      context.put("k", value.toString());
    }
    if (size(message) < bytes) context.put("k", value.append('x').toString());
    assertEquals(bytes, size(message));
    return message;
  }

  private int size(JsonNode message) throws Exception {
    return fixture.json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8).length;
  }

  private void assertRefused(JsonNode failure, int bytes) {
    assertEquals("MessageTooLarge", failure.path("Code").asText(), failure.toString());
    assertEquals("The message is " + bytes + " bytes; at most " + BOUND + " are accepted.", failure.path("Message").asText());
    assertTrue(failure.path("VideoId").isNull(), "nothing of it is echoed: " + failure);
    assertFalse(failure.has("Context"), failure.toString());
    assertFalse(failure.toString().contains(UPLOADING), failure.toString());
  }

  @Test
  void textOverTheBoundIsRefusedWithoutAVodCall() throws Exception {
    String text = fixture.json.writeValueAsString(messageOf(BOUND + 1));
    assertEquals(BOUND + 1, text.getBytes(StandardCharsets.UTF_8).length);
    assertTrue(text.length() < BOUND, "measured in bytes, not characters");

    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(
        fixture.json.getNodeFactory().textNode(text), FunctionFixture.invocation("eventbridge"));

    assertRefused(answer, BOUND + 1);
    assertEquals(0, fixture.emulator.requestCount());
    assertTrue(fixture.logLines.get(fixture.logLines.size() - 1).contains("MessageTooLarge"), fixture.logLines.toString());
  }

  @Test
  void textIsMeasuredAsDeliveredWhitespaceIncluded() throws Exception {
    String padded = "{\"VideoId\": \"" + UPLOADING + "\"}" + " ".repeat(BOUND);
    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(
        fixture.json.getNodeFactory().textNode(padded), FunctionFixture.invocation("direct"));

    assertRefused(answer, padded.length());
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void anObjectOverTheBoundIsMeasuredByItsCompactJson() throws Exception {
    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(messageOf(BOUND + 1), FunctionFixture.invocation("direct"));

    assertRefused(answer, BOUND + 1);
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void exactlyAtTheBoundIsAnsweredAsTextAndAsAnObject() throws Exception {
    ObjectNode message = messageOf(BOUND);
    JsonNode text = fixture.json.getNodeFactory().textNode(fixture.json.writeValueAsString(message));

    for (JsonNode delivered : List.of(message, text)) {
      ObjectNode answer = fixture.functions.refreshUpload().handleEvent(delivered, FunctionFixture.invocation("direct"));
      assertTrue(answer.path("UploadAuth").isTextual(), answer.toString());
      assertEquals(message.path("Context"), answer.path("Context"));
    }
    assertEquals(2, fixture.emulator.requestCount());
  }

  @Test
  void aCharacterBeyondTheBasicPlaneCountsItsFourUtf8Bytes() throws Exception {
    // 100 emoji (400 bytes) padded with ASCII to the bound: Jackson's own byte writer would make
    // each a 12-byte escape pair and refuse a message a platform carries in 512 bytes.
    ObjectNode message = fixture.json.createObjectNode().put("VideoId", UPLOADING);
    String emoji = "\uD83D\uDE00".repeat(100);
    message.putObject("Context").put("k", emoji);
    int padding = BOUND - fixture.json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8).length;
    ((ObjectNode) message.get("Context")).put("k", emoji + "x".repeat(padding));

    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(message, FunctionFixture.invocation("direct"));

    assertTrue(answer.path("UploadAuth").isTextual(), answer.toString());
    assertEquals(1, fixture.emulator.requestCount());
  }

  @Test
  void inABatchOnlyTheMessageOverTheBoundIsRefused() throws Exception {
    List<JsonNode> batch = List.of(messageOf(BOUND), messageOf(BOUND + 100), messageOf(100));

    ObjectNode answer = fixture.functions.refreshUpload().handleEventBatch(batch, FunctionFixture.invocation("eventbridge"));

    assertEquals(2, answer.path("Results").size(), answer.toString());
    assertEquals(1, answer.path("Failures").size(), answer.toString());
    assertRefused(answer.path("Failures").get(0), BOUND + 100);
    assertEquals(2, fixture.emulator.requestCount());
  }

  @Test
  void theBoundIsReadFromTheEnvironmentWithItsLimits() {
    assertEquals(16_384, Config.from(Map.of()).eventMessageMaxBytes(), "the HTTP body limit by default");
    assertEquals(64, Config.from(Map.of(Config.EVENT_MESSAGE_MAX_BYTES, "64")).eventMessageMaxBytes());
    assertEquals(262_144, Config.from(Map.of(Config.EVENT_MESSAGE_MAX_BYTES, "262144")).eventMessageMaxBytes());
    for (String bad : List.of("63", "262145", "512B", "-1")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Config.from(Map.of(Config.EVENT_MESSAGE_MAX_BYTES, bad)));
      assertEquals("EVENT_MESSAGE_MAX_BYTES must be a whole number between 64 and 262144, got '" + bad + "'", e.getMessage());
    }
  }
}
