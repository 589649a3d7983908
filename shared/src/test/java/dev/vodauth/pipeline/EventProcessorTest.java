package dev.vodauth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.operation.RefreshUpload;
import dev.vodauth.testkit.EmulatorFixture;
import dev.vodauth.vod.Deadline;
import dev.vodauth.vod.VodClient;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Event messages through refresh-upload on their own (one, a batch, a batch in order), with the
 * real VOD client on the emulator: Context echoed, permanent failures answered as records,
 * transient ones failing the invocation, and the batch and message caps applied before any call.
 */
@Timeout(30)
class EventProcessorTest {
  private static final String KEY_ID = "processor-key";
  private static final String SECRET = "processor-secret-0d9a";
  private static final String UPLOADING = "c6a23a870c8c4ffc9b2dd40cbd381330";
  private static final String UNKNOWN = "ffffffffffffffffffffffffffffffff";
  private static final VodCredentials KEYS = VodCredentials.of(KEY_ID, SECRET);

  @RegisterExtension final EmulatorFixture vod = EmulatorFixture.with(emulator -> emulator
      .addAccessKey(KEY_ID, SECRET).addVideo(Video.of(UPLOADING, VideoStatus.UPLOADING)));
  private final VodEmulator emulator = vod.emulator();
  private final ObjectMapper json = new ObjectMapper();
  private final EventProcessor processor = processor(3, 1_000);

  private EventProcessor processor(int batchMax, int messageMaxBytes) {
    Config config = Config.from(Map.of("VOD_ENDPOINT", emulator.endpoint(), "VOD_READ_TIMEOUT_MS", "1000",
        "VOD_RETRY_BASE_DELAY_MS", "1", "VOD_RETRY_MAX_DELAY_MS", "2"));
    VodClient client = VodClient.create(config, () -> KEYS, json, new Random(1));
    return new EventProcessor(new RefreshUpload(config), client, json, batchMax, messageMaxBytes);
  }

  private JsonNode message(String videoId, String context) throws Exception {
    return json.readTree("{\"VideoId\":\"" + videoId + "\",\"Context\":" + context + "}");
  }

  private static Deadline deadline() {
    return Deadline.afterMillis(5_000);
  }

  @Test
  void oneMessageIsAnsweredWithTheResponseAndItsContextUntouched() throws Exception {
    EventProcessor.Outcome outcome = processor.processOne(message(UPLOADING, "{\"uploadId\":\"u-1\",\"n\":[1,2]}"), deadline(), KEYS);

    assertFalse(outcome.mustFail());
    assertEquals(1, outcome.results());
    assertEquals(UPLOADING, outcome.videoId());
    assertTrue(outcome.answer().path("UploadAuth").isTextual(), outcome.answer()::toString);
    assertEquals(json.readTree("{\"uploadId\":\"u-1\",\"n\":[1,2]}"), outcome.answer().path("Context"));
  }

  @Test
  void aMessageAsTextIsReadAsJson() {
    EventProcessor.Outcome outcome = processor.processOne(new TextNode("{\"VideoId\":\"" + UPLOADING + "\"}"), deadline(), KEYS);

    assertEquals(1, outcome.results());
    assertTrue(outcome.answer().path("Context").isMissingNode());
  }

  @Test
  void aPermanentFailureIsAnsweredAsARecordWithTheVideoAndContext() throws Exception {
    EventProcessor.Outcome outcome = processor.processOne(message(UNKNOWN, "{\"k\":\"v\"}"), deadline(), KEYS);

    assertFalse(outcome.mustFail());
    assertEquals(1, outcome.failures());
    assertEquals(UNKNOWN, outcome.answer().path("VideoId").asText());
    assertEquals("InvalidVideo.NotFound", outcome.answer().path("Code").asText());
    assertEquals("v", outcome.answer().path("Context").path("k").asText());
  }

  @Test
  void notAnObjectOrAContextThatIsNotAnObjectIsInvalidWithoutAVodCall() throws Exception {
    assertEquals("InvalidParameter", processor.processOne(new TextNode("not json"), deadline(), KEYS).answer().path("Code").asText());
    assertEquals("InvalidParameter", processor.processOne(json.readTree("[1]"), deadline(), KEYS).answer().path("Code").asText());
    assertEquals("InvalidParameter", processor.processOne(message(UPLOADING, "\"text\""), deadline(), KEYS).answer().path("Code").asText());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void aMessageOverTheSizeCapIsRefusedWithoutEchoingItOrCallingVod() throws Exception {
    EventProcessor.Outcome outcome = processor(3, 100).processOne(message(UPLOADING, "{\"pad\":\"" + "x".repeat(200) + "\"}"), deadline(), KEYS);

    assertEquals(ErrorKind.MESSAGE_TOO_LARGE, outcome.lastAnswer().kind());
    assertTrue(outcome.answer().path("Context").isMissingNode());
    assertTrue(outcome.answer().path("VideoId").isNull());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void aTransientFailureFailsTheInvocation() throws Exception {
    for (int attempt = 0; attempt < 4; attempt++) emulator.enqueue(ScriptedResponse.throttling());

    EventProcessor.Outcome outcome = processor.processOne(message(UPLOADING, "{}"), deadline(), KEYS);

    assertTrue(outcome.mustFail());
    assertNull(outcome.answer());
    assertEquals(ErrorKind.THROTTLED, outcome.lastAnswer().kind());
  }

  @Test
  void aBatchSplitsResultsFromFailures() throws Exception {
    EventProcessor.Outcome outcome = processor.processBatch(
        List.of(message(UPLOADING, "{\"i\":0}"), new TextNode("{broken"), message(UNKNOWN, "{\"i\":2}")), deadline(), KEYS);

    assertEquals(1, outcome.results());
    assertEquals(2, outcome.failures());
    assertEquals(0, outcome.answer().path("Results").get(0).path("Context").path("i").asInt());
    assertEquals("InvalidParameter", outcome.answer().path("Failures").get(0).path("Code").asText());
    assertEquals(2, outcome.answer().path("Failures").get(1).path("Context").path("i").asInt());
  }

  @Test
  void aBatchOverTheCapIsOneBatchTooLargeRecordAndNoVodCall() throws Exception {
    JsonNode m = message(UPLOADING, "{}");

    EventProcessor.Outcome outcome = processor.processBatch(List.of(m, m, m, m), deadline(), KEYS);

    assertTrue(outcome.refusedWhole(), outcome.answer()::toString);
    assertEquals(0, outcome.answer().path("Results").size());
    assertEquals("BatchTooLarge", outcome.answer().path("Failures").get(0).path("Code").asText());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void inOrderAnswersOnePerMessageInTheirOrder() throws Exception {
    EventProcessor.Outcome outcome = processor.processInOrder(
        List.of(message(UNKNOWN, "{\"i\":0}"), message(UPLOADING, "{\"i\":1}")), deadline(), KEYS);

    assertTrue(outcome.answer().isArray());
    assertEquals("InvalidVideo.NotFound", outcome.answer().get(0).path("Code").asText());
    assertTrue(outcome.answer().get(1).path("UploadAuth").isTextual());
    assertEquals(1, outcome.answer().get(1).path("Context").path("i").asInt());
  }

  @Test
  void inOrderOverTheCapFailsTheInvocationBeforeAnyVodCall() throws Exception {
    JsonNode m = message(UPLOADING, "{}");

    EventProcessor.Outcome outcome = processor.processInOrder(List.of(m, m, m, m), deadline(), KEYS);

    assertTrue(outcome.mustFail());
    assertEquals(ErrorKind.BATCH_TOO_LARGE, outcome.lastAnswer().kind());
    assertEquals(0, emulator.requestCount());
  }
}
