package dev.vodauth.function;

import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.pipeline.EventFailureException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The event contract: Context echoed, permanent failures answered, transient ones thrown. */
@Timeout(30)
class VodFunctionEventTest {
  @RegisterExtension final FunctionFixture fixture = FunctionFixture.started();

  private JsonNode resource(String name) throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/events/" + name)) {
      return fixture.json.readTree(in);
    }
  }

  @Test
  void goodMessageAnswersTheApiResponseWithContextUntouched() throws Exception {
    JsonNode message = resource("refresh-message.json");

    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(message, FunctionFixture.invocation("eventbridge"));

    assertEquals(UPLOADING, answer.path("VideoId").asText());
    assertTrue(answer.path("UploadAuth").isTextual());
    assertTrue(answer.path("UploadAddress").isTextual());
    assertTrue(answer.path("RequestId").isTextual());
    assertEquals(message.get("Context"), answer.get("Context"));
  }

  @Test
  void messageAsJsonTextIsRead() throws Exception {
    JsonNode text = fixture.json.getNodeFactory().textNode(resource("refresh-message.json").toString());

    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(text, FunctionFixture.invocation("direct"));

    assertEquals(UPLOADING, answer.path("VideoId").asText());
  }

  @Test
  void unknownVideoIsAnsweredAsAFailureRecord() throws Exception {
    ObjectNode message = fixture.json.createObjectNode().put("VideoId", FunctionFixture.UNKNOWN);
    message.putObject("Context").put("uploadId", "u-1");

    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(message, FunctionFixture.invocation("eventbridge"));

    assertEquals(FunctionFixture.UNKNOWN, answer.path("VideoId").asText());
    assertEquals("InvalidVideo.NotFound", answer.path("Code").asText());
    assertEquals("The video not exist.", answer.path("Message").asText());
    assertEquals("u-1", answer.path("Context").path("uploadId").asText());
    assertTrue(answer.path("RequestId").isTextual());
  }

  @Test
  void invalidMessageIsAnsweredWithoutAVodCall() {
    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(
        fixture.json.getNodeFactory().textNode("not json"), FunctionFixture.invocation("eventbridge"));

    assertEquals("InvalidParameter", answer.path("Code").asText());
    assertEquals("The message is not a JSON object.", answer.path("Message").asText());
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void contextThatIsNotAnObjectIsRefused() {
    ObjectNode message = fixture.json.createObjectNode().put("VideoId", UPLOADING).put("Context", "text");

    ObjectNode answer = fixture.functions.refreshUpload().handleEvent(message, FunctionFixture.invocation("direct"));

    assertEquals("Context must be a JSON object.", answer.path("Message").asText());
  }

  @Test
  void batchAnswersResultsAndFailures() throws Exception {
    List<JsonNode> messages = new ArrayList<>();
    resource("refresh-batch.json").forEach(messages::add);

    ObjectNode answer = fixture.functions.refreshUpload().handleEventBatch(messages, FunctionFixture.invocation("eventbridge"));

    assertEquals(2, answer.path("Results").size());
    assertEquals("good", answer.path("Results").get(0).path("Context").path("uploadId").asText());
    assertEquals("as-text", answer.path("Results").get(1).path("Context").path("uploadId").asText());
    JsonNode failures = answer.path("Failures");
    assertEquals(3, failures.size());
    assertEquals("InvalidVideo.NotFound", failures.get(0).path("Code").asText());
    assertEquals("unknown", failures.get(0).path("Context").path("uploadId").asText());
    assertEquals("InvalidParameter", failures.get(1).path("Code").asText());
    assertEquals("InvalidVideo.Damaged", failures.get(2).path("Code").asText());
    JsonNode line = fixture.json.readTree(fixture.logLines.get(0));
    assertEquals("Batch", line.path("outcome").asText());
    assertEquals(2, line.path("results").asInt());
    assertEquals(3, line.path("failures").asInt());
  }

  @Test
  void throttlingThatNeverClearsFailsTheInvocation() throws Exception {
    for (int i = 0; i < 3; i++) fixture.emulator.enqueue(ScriptedResponse.throttling());

    EventFailureException e = assertThrows(EventFailureException.class,
        () -> fixture.functions.refreshUpload().handleEvent(resource("refresh-message.json"), FunctionFixture.invocation("eventbridge")));

    assertEquals("Throttling.User", e.code());
    assertEquals("refresh-upload: Throttling.User for VideoId " + UPLOADING
        + "; the invocation fails so that the platform retries it", e.getMessage());
    assertEquals(3, fixture.emulator.requestCount());
    assertEquals("WARN", fixture.json.readTree(fixture.logLines.get(0)).path("level").asText());
  }

  @Test
  void transientFailureInABatchFailsTheWholeInvocation() throws Exception {
    List<JsonNode> messages = new ArrayList<>();
    resource("refresh-batch.json").forEach(messages::add);
    for (int i = 0; i < 3; i++) fixture.emulator.enqueue(ScriptedResponse.serviceUnavailable());

    assertThrows(EventFailureException.class,
        () -> fixture.functions.refreshUpload().handleEventBatch(messages, FunctionFixture.invocation("eventbridge")));
  }

  @Test
  void playAuthTakesDirectInvocationsWithItsTimeout() {
    ObjectNode message = fixture.json.createObjectNode().put("VideoId", FunctionFixture.PLAYABLE).put("AuthInfoTimeout", 600);

    ObjectNode answer = fixture.functions.playAuth().handleEvent(message, FunctionFixture.invocation("direct"));

    assertTrue(answer.path("PlayAuth").isTextual());
    assertFalse(answer.has("Context"));
  }
}
