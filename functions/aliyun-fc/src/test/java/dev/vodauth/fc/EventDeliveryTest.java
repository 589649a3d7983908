package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.SAMPLE_VIDEO;
import static dev.vodauth.fc.FcHarness.UNKNOWN_VIDEO;
import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.FcHarness.fixtureBytes;
import static dev.vodauth.fc.FcHarness.roleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.pipeline.EventFailureException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Upload-retry messages through refresh-upload: CloudEvents, batches, Base64, direct payloads, failures. */
@Timeout(30)
class EventDeliveryTest {
  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  @Test
  void batchWithGoodUnknownAndMalformedMessagesAnswersOneResultAndTwoFailures() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, fixture("cloudevent-batch-mixed.json"), roleContext("req-batch"));

    assertEquals(1, answer.path("Results").size(), answer::toString);
    JsonNode result = answer.path("Results").get(0);
    assertTrue(result.path("UploadAuth").isTextual());
    assertEquals("u-good", result.path("Context").path("uploadId").asText());

    assertEquals(2, answer.path("Failures").size());
    JsonNode unknown = answer.path("Failures").get(0);
    assertEquals(UNKNOWN_VIDEO, unknown.path("VideoId").asText());
    assertEquals("InvalidVideo.NotFound", unknown.path("Code").asText());
    assertEquals("u-unknown", unknown.path("Context").path("uploadId").asText());
    assertTrue(unknown.path("RequestId").isTextual(), "VOD's request ID for VOD's error");
    JsonNode malformed = answer.path("Failures").get(1);
    assertEquals("InvalidParameter", malformed.path("Code").asText());
    assertTrue(malformed.path("VideoId").isNull());
    assertEquals(2, fc.emulator.requestCount(), "the malformed message never reached VOD");
  }

  @Test
  void base64MessageBodyIsDecodedAndItsContextEchoed() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, fixture("cloudevent-base64.json"), roleContext("req-b64"));

    assertTrue(answer.path("UploadAuth").isTextual(), answer::toString);
    assertEquals(JSON.readTree("{\"uploadId\":\"u-base64\",\"part\":3}"), answer.path("Context"));
  }

  @Test
  void messageBodyThatIsNeitherJsonNorBase64IsAFailureRecord() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, fixture("cloudevent-not-json.json"), roleContext("req-text"));

    assertEquals("InvalidParameter", answer.path("Code").asText(), answer::toString);
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void directMessageEchoesItsContext() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, fixture("direct-message-with-context.json"), roleContext("req-direct"));

    assertEquals(fixture("direct-message-with-context.json").path("Context"), answer.path("Context"));
    assertEquals(SAMPLE_VIDEO, answer.path("VideoId").asText(SAMPLE_VIDEO));
    assertTrue(fc.logLines.stream().anyMatch(l -> l.contains("\"direct\"")), fc.logLines::toString);
  }

  @Test
  void directPayloadThatIsNotJsonIsAFailureRecordNotAnError() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, fixtureBytes("direct-not-json.txt"), roleContext("req-garbage"));

    assertEquals("InvalidParameter", answer.path("Code").asText(), answer::toString);
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void emptyPayloadIsAFailureRecord() throws Exception {
    JsonNode answer = fc.invoke(fc.playAuth, new byte[0], roleContext("req-empty"));

    assertEquals("InvalidParameter", answer.path("Code").asText(), answer::toString);
  }

  @Test
  void contextThatIsNotAnObjectIsAFailureRecord() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, fixture("direct-context-not-object.json"), roleContext("req-ctx"));

    assertEquals("InvalidParameter", answer.path("Code").asText(), answer::toString);
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void throttlingThatNeverClearsFailsTheInvocation() throws Exception {
    for (int i = 0; i < 3; i++) fc.emulator.enqueue(ScriptedResponse.throttling());
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    EventFailureException failure = assertThrows(EventFailureException.class, () -> fc.refreshUpload.handleRequest(
        new ByteArrayInputStream(JSON.writeValueAsBytes(fixture("cloudevent-single.json"))), out, roleContext("req-throttled")));

    assertEquals(dev.vodauth.answer.ErrorKind.THROTTLED, failure.kind());
    assertTrue(failure.code().startsWith("Throttling"), failure::code);
    assertTrue(failure.getMessage().contains(SAMPLE_VIDEO));
    FcHarness.assertNoSecretIn(failure.getMessage());
    assertEquals(0, out.size(), "nothing written: FC reports the failure and retries");
    assertEquals(3, fc.emulator.requestCount(), "the first attempt and two retries");
    assertTrue(fc.logLines.stream().anyMatch(l -> l.contains("Throttling") && l.contains("req-throttled")), fc.logLines::toString);
  }

  @Test
  void throttlingInABatchFailsTheWholeInvocation() throws Exception {
    for (int i = 0; i < 3; i++) fc.emulator.enqueue(ScriptedResponse.throttling());

    assertThrows(EventFailureException.class,
        () -> fc.invoke(fc.refreshUpload, fixture("cloudevent-batch-mixed.json"), roleContext("req-batch-throttled")));
  }

  @Test
  void throttlingThatClearsIsAnswered() throws Exception {
    fc.emulator.enqueue(ScriptedResponse.throttling());

    JsonNode answer = fc.invoke(fc.refreshUpload, fixture("cloudevent-single.json"), roleContext("req-clears"));

    assertTrue(answer.path("UploadAuth").isTextual(), answer::toString);
    assertEquals("u-single", answer.path("Context").path("uploadId").asText());
    assertNull(answer.get("Code"));
    assertFalse(answer.has("Failures"));
  }
}
