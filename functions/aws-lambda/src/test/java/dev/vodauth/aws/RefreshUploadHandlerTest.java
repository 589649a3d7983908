package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.pipeline.EventFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** refresh-upload: the EventBridge pipeline, the IAM-signed URL, direct batches, and SQS (not a trigger). */
@Timeout(30)
class RefreshUploadHandlerTest {
  @RegisterExtension final Harness harness = Harness.onDemoCatalogue();

  @Test
  void eventBridgeEventForAGoodVideoAnswersTheApiResponseWithContextEchoed() throws Exception {
    JsonNode event = harness.json.readTree(Harness.read(Harness.resource("events/eventbridge/good.json")));

    JsonNode answer = harness.invoke(harness.refreshUpload(), Harness.resource("events/eventbridge/good.json"));

    assertEquals(DemoCatalogue.PLAYABLE, answer.path("VideoId").asText());
    assertTrue(answer.path("UploadAuth").isTextual() && answer.path("UploadAddress").isTextual());
    assertTrue(answer.path("RequestId").isTextual());
    assertEquals(event.path("detail").path("Context"), answer.path("Context"));
    assertEquals("eventbridge", harness.json.readTree(harness.logLines.get(0)).path("trigger").asText());
  }

  @Test
  void eventBridgeEventForAnUnknownVideoAnswersItsFailureRecord() throws Exception {
    JsonNode answer = harness.invoke(harness.refreshUpload(), Harness.resource("events/eventbridge/unknown-video.json"));

    assertEquals(DemoCatalogue.UNKNOWN, answer.path("VideoId").asText());
    assertEquals("InvalidVideo.NotFound", answer.path("Code").asText());
    assertTrue(answer.path("Message").isTextual());
    assertTrue(answer.path("RequestId").isTextual());
    assertEquals(harness.json.readTree("{\"uploadId\":\"u-43\"}"), answer.path("Context"));
    assertFalse(answer.has("UploadAuth"));
  }

  @Test
  void throttlingThatNeverClearsFailsTheInvocationSoLambdaRetriesIt() {
    for (int i = 0; i < 3; i++) harness.emulator.enqueue(ScriptedResponse.throttling());

    EventFailureException failure = assertThrows(EventFailureException.class,
        () -> Harness.invokeRaw(harness.refreshUpload(), Harness.read(Harness.resource("events/eventbridge/good.json")), "req-1"));

    assertEquals("Throttling.User", failure.code()); // the emulator throttles as VOD does, with HTTP 400
    assertTrue(failure.getMessage().contains(DemoCatalogue.PLAYABLE), failure.getMessage());
    assertFalse(failure.getMessage().contains(Harness.KEY_SECRET));
    assertEquals(3, harness.emulator.requestCount()); // the first attempt and two retries inside the call
    harness.assertNoSecretIn(failure.getMessage());
  }

  @Test
  void iamSignedFunctionUrlSampleWithABase64BodyGetsAnUploadCredential() throws Exception {
    harness.emulator.addVideo(Video.of(EventRouterTest.SAMPLE_UPLOADING, VideoStatus.UPLOADING));

    JsonNode response = harness.invoke(harness.refreshUpload(), Samples.file("function_url_iam_post.json"));

    assertEquals(200, response.path("statusCode").asInt());
    JsonNode body = harness.body(response);
    assertEquals(EventRouterTest.SAMPLE_UPLOADING, body.path("VideoId").asText());
    assertTrue(body.path("UploadAuth").isTextual());
    assertEquals("function-url", harness.json.readTree(harness.logLines.get(0)).path("trigger").asText());
  }

  @Test
  void directBatchAnswersResultsAndFailures() {
    JsonNode answer = harness.invoke(harness.refreshUpload(), Harness.resource("events/direct/batch.json"));

    assertEquals(1, answer.path("Results").size());
    assertEquals("u-1", answer.path("Results").path(0).path("Context").path("uploadId").asText());
    assertEquals(2, answer.path("Failures").size());
    assertEquals("InvalidVideo.NotFound", answer.path("Failures").path(0).path("Code").asText());
    assertEquals("InvalidParameter", answer.path("Failures").path(1).path("Code").asText());
  }

  /**
   * An SQS event source mapping's batch ({"Records": [...]}): a mapping discards the function's
   * answers (the upload credentials would reach nobody) and deletes the messages of a successful
   * invocation. So the invocation fails, naming the cause and the Pipe, and no VOD call is made:
   * the messages stay on the queue (and end on its dead-letter queue), never answered as done.
   */
  @Test
  void sqsEventSourceMappingBatchFailsTheInvocationNamingThePipe() {
    java.nio.file.Path mappingBatch = Samples.file("sqs_refresh_batch.json"); // skips here without ../shared
    for (com.amazonaws.services.lambda.runtime.RequestStreamHandler handler : java.util.List.of(harness.refreshUpload(), harness.playAuth())) {
      EventFailureException e = assertThrows(EventFailureException.class, () -> harness.invoke(handler, mappingBatch));
      assertEquals("UnsupportedEventSource", e.code());
      assertTrue(e.getMessage().contains("event source mapping"), e.getMessage());
      assertTrue(e.getMessage().contains("Pipe"), e.getMessage());
    }
    assertEquals(0, harness.emulator.requestCount());
    assertEquals(2, harness.logLines.size(), harness.logLines.toString());
    assertEquals("sqs", readTrigger());
    assertTrue(harness.logLines.get(0).contains("\"outcome\":\"UnsupportedEventSource\""), harness.logLines.get(0));
  }

  private String readTrigger() {
    try {
      return harness.json.readTree(harness.logLines.get(0)).path("trigger").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
