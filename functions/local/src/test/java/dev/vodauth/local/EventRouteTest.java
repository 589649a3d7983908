package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.ScriptedResponse;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventRouteTest {
  private RunnerFixture local;

  @BeforeEach
  void startRunner() throws IOException {
    // No retries inside the call: one scripted VOD failure is enough to make an event fail.
    local = RunnerFixture.start(Map.of("VOD_MAX_RETRIES", "0"));
  }

  @AfterEach
  void stopRunner() {
    local.assertNoSecretLeaked();
    local.close();
  }

  @Test
  void singleMessageAnswersTheResponseWithItsContext() throws IOException {
    HttpResponse<String> response = post("/events/refresh-upload", RunnerFixture.fixture("event-single.json"));

    assertEquals(200, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    JsonNode body = local.tree(response);
    assertEquals(DemoCatalogue.PLAYABLE, body.path("VideoId").asText());
    assertTrue(body.path("UploadAuth").isTextual() && body.path("UploadAddress").isTextual(), body.toString());
    assertEquals(local.fixtureTree("event-single.json").path("Context"), body.path("Context"));
  }

  @Test
  void batchAnswersResultsAndPermanentFailures() throws IOException {
    HttpResponse<String> response = post("/events/refresh-upload", RunnerFixture.fixture("event-batch.json"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = local.tree(response);
    assertEquals(1, body.path("Results").size(), body.toString());
    assertEquals("ok-1", body.path("Results").get(0).path("Context").path("upload").asText());
    ArrayNode failures = (ArrayNode) body.path("Failures").deepCopy();
    for (JsonNode failure : failures) {
      assertTrue(failure.path("Message").isTextual(), failure.toString());
      ((ObjectNode) failure).remove("Message"); // VOD's wording
      ((ObjectNode) failure).remove("RequestId"); // VOD's, random
    }
    assertEquals(local.fixtureTree("event-batch.failures.json"), failures);
  }

  @Test
  void messageThatIsNotJsonIsAnsweredAsAFailureRecord() {
    HttpResponse<String> response = post("/events/refresh-upload", RunnerFixture.fixture("malformed-body.txt"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = local.tree(response);
    assertEquals("InvalidParameter", body.path("Code").asText());
    assertEquals("The message is not a JSON object.", body.path("Message").asText());
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void transientFailureAnswers503SayingItWouldBeRetried() {
    local.emulator().enqueue(ScriptedResponse.serviceUnavailable());

    HttpResponse<String> response = post("/events/refresh-upload", RunnerFixture.fixture("event-single.json"));

    assertEquals(503, response.statusCode(), response.body());
    assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    JsonNode body = local.tree(response);
    assertEquals("ServiceUnavailable", body.path("Code").asText());
    assertTrue(body.path("Retryable").asBoolean(), body.toString());
    assertTrue(body.path("Message").asText().contains("the platform retries it"), body.toString());
    assertEquals(response.headers().firstValue("X-Request-Id").orElseThrow(), body.path("RequestId").asText());
  }

  @Test
  void playAuthTakesEventsToo() {
    HttpResponse<String> response = post("/events/play-auth", RunnerFixture.fixture("event-single.json"));

    assertEquals(200, response.statusCode(), response.body());
    JsonNode body = local.tree(response);
    assertTrue(body.path("PlayAuth").isTextual(), body.toString());
    assertEquals("demo-1", body.path("Context").path("upload").asText());
  }

  @Test
  void getIsRefusedWith405AllowingPost() {
    HttpResponse<String> response = local.get("/events/refresh-upload");

    assertEquals(405, response.statusCode());
    assertEquals("POST", response.headers().firstValue("Allow").orElse(null));
    assertEquals("MethodNotAllowed", local.tree(response).path("Code").asText());
  }

  @Test
  void eventLargerThan256KibIsRefusedWith413() {
    String body = "[" + "{},".repeat(100_000) + "{}]";

    HttpResponse<String> response = local.send("POST", "/events/refresh-upload", BodyPublishers.ofString(body));

    assertEquals(413, response.statusCode());
    assertEquals("PayloadTooLarge", local.tree(response).path("Code").asText());
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void eachEventWritesOneLogLineWithTheEventTrigger() throws IOException {
    post("/events/refresh-upload", RunnerFixture.fixture("event-single.json"));

    assertEquals(1, local.logLines().size());
    assertEquals("local-event", local.json.readTree(local.logLines().get(0)).path("trigger").asText());
  }

  private HttpResponse<String> post(String path, String body) {
    return local.post(path, "application/json", body);
  }
}
