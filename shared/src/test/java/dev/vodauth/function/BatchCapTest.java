package dev.vodauth.function;

import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A batch over EVENT_BATCH_MAX_MESSAGES is refused as a whole, with one permanent failure record
 * and no VOD call.
 */
@Timeout(30)
class BatchCapTest {
  @RegisterExtension final FunctionFixture fixture = FunctionFixture.started();

  @Test
  void aBatchOverTheCapIsRefusedAsAWholeWithoutAVodCall() throws Exception {
    List<JsonNode> batch = new ArrayList<>();
    for (int i = 0; i < 11; i++) batch.add(fixture.json.createObjectNode().put("VideoId", UPLOADING));

    ObjectNode answer = fixture.functions.refreshUpload().handleEventBatch(batch, FunctionFixture.invocation("direct"));

    assertEquals(0, answer.path("Results").size(), answer.toString());
    assertEquals(1, answer.path("Failures").size(), answer.toString());
    JsonNode failure = answer.path("Failures").get(0);
    assertEquals("BatchTooLarge", failure.path("Code").asText());
    assertTrue(failure.path("Message").asText().contains("10"), failure.toString());
    assertEquals(0, fixture.emulator.requestCount());
    assertTrue(fixture.logLines.get(fixture.logLines.size() - 1).contains("BatchTooLarge"), fixture.logLines.toString());

    // At the cap, every message is answered.
    ObjectNode full = fixture.functions.refreshUpload().handleEventBatch(batch.subList(0, 10), FunctionFixture.invocation("direct"));
    assertEquals(10, full.path("Results").size(), full.toString());
  }

  @Test
  void theCapIsASetting() throws Exception {
    fixture.close();
    FunctionFixture small = new FunctionFixture().start(Map.of("EVENT_BATCH_MAX_MESSAGES", "2"));
    try {
      List<JsonNode> batch = new ArrayList<>();
      for (int i = 0; i < 3; i++) batch.add(small.json.createObjectNode().put("VideoId", UPLOADING));
      ObjectNode answer = small.functions.refreshUpload().handleEventBatch(batch, FunctionFixture.invocation("direct"));
      assertEquals("BatchTooLarge", answer.path("Failures").get(0).path("Code").asText(), answer.toString());
      assertTrue(answer.path("Failures").get(0).path("Message").asText().contains("at most 2"), answer.toString());
    } finally {
      small.close();
    }
  }

  @Test
  void theCapIsReadFromTheEnvironmentWithItsBounds() {
    assertEquals(10, dev.vodauth.config.Config.from(Map.of()).eventBatchMaxMessages());
    assertEquals(100, dev.vodauth.config.Config.from(Map.of("EVENT_BATCH_MAX_MESSAGES", "100")).eventBatchMaxMessages());
    for (String bad : List.of("0", "101", "ten")) {
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
          () -> dev.vodauth.config.Config.from(Map.of("EVENT_BATCH_MAX_MESSAGES", bad)));
      assertEquals("EVENT_BATCH_MAX_MESSAGES must be a whole number between 1 and 100, got '" + bad + "'", e.getMessage());
    }
  }
}
