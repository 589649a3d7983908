package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.SAMPLE_BATCH_VIDEO;
import static dev.vodauth.fc.FcHarness.SAMPLE_VIDEO;
import static dev.vodauth.fc.FcHarness.UNKNOWN_VIDEO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.pipeline.EventFailureException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The upload-retry pipeline's contract as FC delivers it: one CloudEvents batch from the MNS queue
 * (the sample's real envelope) holding a good, an unknown, a damaged, a malformed and a throttled
 * message, through the real handler, against the VOD emulator (signatures checked). What lands on
 * the results queue is FC's onSuccess destination record of the answer; what is retried is the
 * whole invocation, which fails (FC retries it {@code maxAsyncRetryAttempts} times, then writes
 * its onFailure record, the whole batch as the request payload, to the dead-letter queue).
 */
@Timeout(60)
class PipelineContractTest {
  private static final String DAMAGED_VIDEO = "d4a2c0e1b3f54a6b8c7d9e0f1a2b3c4d";
  private static final String ARN = "acs:fc:cn-shanghai:1234567890123456:functions/vod-refresh-upload-video";

  private FcHarness fc;
  private byte[] batch;

  @BeforeEach
  void start() throws Exception {
    fc = FcHarness.start();
    fc.emulator.addVideo(Video.of(DAMAGED_VIDEO, VideoStatus.UPLOADING).damaged());
    JsonNode envelope = DestinationSizeTest.sampleBatch().get(0);
    ArrayNode events = JSON.createArrayNode();
    events.add(DestinationSizeTest.event(envelope, 0, message(SAMPLE_VIDEO, "u-good")));
    events.add(DestinationSizeTest.event(envelope, 1, message(UNKNOWN_VIDEO, "u-unknown")));
    events.add(DestinationSizeTest.event(envelope, 2, message(DAMAGED_VIDEO, "u-damaged")));
    events.add(DestinationSizeTest.event(envelope, 3, "{\"VideoId\": \"93ab850b"));
    // Base64, as the MNS SDKs send it when the trigger does not decode (IsBase64Decode: false).
    events.add(DestinationSizeTest.event(envelope, 4,
        Base64.getEncoder().encodeToString(message(SAMPLE_BATCH_VIDEO, "u-throttled").getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    batch = JSON.writeValueAsBytes(events);
  }

  @AfterEach
  void stop() {
    fc.assertCleanLog();
    fc.close();
  }

  @Test
  void throttlingThatOutlastsTheRetriesFailsEveryAttemptAndTheWholeBatchGoesToTheDeadLetterQueue() throws Exception {
    List<DestinationRecord> deadLetters = new ArrayList<>();
    for (int attempt = 1; attempt <= 3; attempt++) { // the first try and maxAsyncRetryAttempts: 2
      for (int i = 0; i < 3; i++) fc.emulator.enqueue(ScriptedResponse.normal()); // good, unknown, damaged
      for (int i = 0; i < 3; i++) fc.emulator.enqueue(ScriptedResponse.throttling()); // VOD's own retries too
      ByteArrayOutputStream out = new ByteArrayOutputStream();

      EventFailureException failure = assertThrows(EventFailureException.class,
          () -> fc.refreshUpload.handleRequest(new ByteArrayInputStream(batch), out, FcHarness.roleContext("req-dlq")));

      assertEquals(ErrorKind.THROTTLED, failure.kind());
      assertTrue(failure.getMessage().contains(SAMPLE_BATCH_VIDEO), failure::getMessage);
      assertEquals(0, out.size(), "nothing answered: no record for the results queue");
      FcHarness.assertNoSecretIn(failure.getMessage());
      if (attempt == 3) deadLetters.add(DestinationRecord.failure("req-dlq", ARN, batch, failure.getMessage()));
    }
    assertEquals(3 * 6, fc.emulator.requestCount(), "every attempt redoes the batch: 3 calls and 3 throttled tries");

    JsonNode deadLetter = deadLetters.get(0).json();
    JsonNode resent = JSON.readTree(deadLetter.path("requestPayload").asText());
    assertEquals(JSON.readTree(batch), resent, "the dead letter holds the whole batch, every message resendable as it was");
    assertTrue(deadLetters.get(0).bytes() < DestinationSizeTest.MNS_MESSAGE_LIMIT);
  }

  @Test
  void whenTheThrottlingClearsOnARetryTheResultsQueueGetsOneAnswerPerMessage() throws Exception {
    for (int i = 0; i < 3; i++) fc.emulator.enqueue(ScriptedResponse.normal());
    for (int i = 0; i < 3; i++) fc.emulator.enqueue(ScriptedResponse.throttling());
    assertThrows(EventFailureException.class,
        () -> fc.refreshUpload.handleRequest(new ByteArrayInputStream(batch), new ByteArrayOutputStream(), FcHarness.roleContext("req-1")));

    // FC's retry of the same invocation; VOD no longer throttles.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fc.refreshUpload.handleRequest(new ByteArrayInputStream(batch), out, FcHarness.roleContext("req-1"));
    FcHarness.assertNoSecretIn(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    DestinationRecord onSuccess = DestinationRecord.success("req-1", ARN, batch, out.toByteArray());

    JsonNode answer = JSON.readTree(onSuccess.json().path("responsePayload").asText());
    JsonNode results = answer.path("Results");
    assertEquals(2, results.size(), answer::toString);
    assertEquals(List.of("u-good", "u-throttled"), List.of(
        results.get(0).path("Context").path("uploadId").asText(), results.get(1).path("Context").path("uploadId").asText()));
    assertEquals(SAMPLE_VIDEO, results.get(0).path("VideoId").asText());
    for (JsonNode result : results) {
      assertTrue(result.path("UploadAuth").isTextual() && result.path("UploadAddress").isTextual(), result::toString);
      assertTrue(result.path("RequestId").isTextual());
    }
    JsonNode failures = answer.path("Failures");
    assertEquals(3, failures.size(), answer::toString);
    assertFailure(failures.get(0), UNKNOWN_VIDEO, "InvalidVideo.NotFound", "u-unknown");
    assertFailure(failures.get(1), DAMAGED_VIDEO, "InvalidVideo.Damaged", "u-damaged");
    assertEquals("InvalidParameter", failures.get(2).path("Code").asText(), "the malformed message is answered, not retried");
    assertTrue(failures.get(2).path("VideoId").isNull());
    assertEquals(0, onSuccess.json().path("responseContext").path("functionError").asText().length());
    assertTrue(onSuccess.bytes() < DestinationSizeTest.MNS_MESSAGE_LIMIT, "fits in one results-queue message");
  }

  @Test
  void permanentFailuresAloneAreAnsweredAtOnceAndNeverRetried() throws Exception {
    ArrayNode events = (ArrayNode) JSON.readTree(batch);
    events.remove(4); // no throttled message
    events.remove(0); // no good one either

    JsonNode answer = fc.invoke(fc.refreshUpload, events, FcHarness.roleContext("req-permanent"));

    assertEquals(0, answer.path("Results").size());
    assertEquals(3, answer.path("Failures").size(), answer::toString);
    assertEquals(2, fc.emulator.requestCount(), "one call each for the unknown and the damaged video, no retry");
  }

  private static void assertFailure(JsonNode failure, String videoId, String code, String uploadId) {
    assertEquals(videoId, failure.path("VideoId").asText(), failure::toString);
    assertEquals(code, failure.path("Code").asText(), failure::toString);
    assertEquals(uploadId, failure.path("Context").path("uploadId").asText(), "the Context comes back with the failure");
    assertTrue(failure.path("RequestId").isTextual(), "VOD's request ID for VOD's error");
  }

  private static String message(String videoId, String uploadId) {
    return "{\"VideoId\":\"" + videoId + "\",\"Context\":{\"uploadId\":\"" + uploadId + "\"}}";
  }
}
