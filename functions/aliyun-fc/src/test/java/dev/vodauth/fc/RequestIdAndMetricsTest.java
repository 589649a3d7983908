package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.roleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On FC the request ID is the trace: the HTTP trigger's answer carries it as {@code X-Request-Id}
 * (FC's own {@code x-fc-request-id}), and the log line has it as {@code requestId}, with the same
 * metric fields as on Lambda but no CloudWatch {@code _aws} member.
 */
@Timeout(30)
class RequestIdAndMetricsTest {
  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  @Test
  void theHttpAnswerNamesTheLogLinesRequestId() throws Exception {
    JsonNode event = sample("http-trigger-event-get.json");
    // FC hands the invocation's request ID to the context; the event's requestContext carries the same.
    String requestId = event.path("requestContext").path("requestId").asText();

    JsonNode response = fc.invoke(fc.playAuth, event, roleContext(requestId));

    assertEquals(200, response.path("statusCode").asInt());
    assertEquals(requestId, response.path("headers").path("X-Request-Id").asText());
    JsonNode line = JSON.readTree(fc.logLines.get(fc.logLines.size() - 1));
    assertEquals(requestId, line.path("requestId").asText());
    assertFalse(line.has("_aws"), "CloudWatch's EMF metadata is for Lambda only: " + line);
    assertFalse(line.has("traceId"), "FC's trace is its request ID: " + line);
    assertEquals("play-auth", line.path("Function").asText());
    assertEquals("Success", line.path("Outcome").asText());
    assertEquals(1, line.path("Requests").asInt());
    assertEquals(0, line.path("ServerErrors").asInt());
    assertEquals(1, line.path("VodAttempts").asInt());
    assertEquals(1, line.path("ColdStart").asInt());
    assertFalse(line.path("VodLatency").isMissingNode(), line.toString());
  }

  private static JsonNode sample(String name) {
    Path shared = FcHarness.sharedDir();
    Path file = shared == null ? null : shared.resolve("samples/aliyun-fc3").resolve(name);
    assumeTrue(file != null && Files.isRegularFile(file),
        "../shared/samples/aliyun-fc3 not found beside the clone (vodauth.sharedDir=" + shared + "): the FC sample is not sent");
    return FcHarness.read(file);
  }
}
