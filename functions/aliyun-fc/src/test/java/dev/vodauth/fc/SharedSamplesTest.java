package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.SAMPLE_BATCH_VIDEO;
import static dev.vodauth.fc.FcHarness.SAMPLE_VIDEO;
import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.FcHarness.roleContext;
import static dev.vodauth.fc.HttpTriggerHandlingTest.assertStruct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.RecordedVodRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real-format events of ../shared/samples/aliyun-fc3/ that name our functions' triggers, each
 * through the handler it names, against the emulator. Skipped when ../shared is not beside the clone.
 */
@Timeout(30)
class SharedSamplesTest {
  /** Samples for triggers that are not ours (an OSS bucket, a timer of another job). */
  private static final Set<String> NOT_OURS = Set.of("oss-trigger-event.json", "timer-trigger-event.json");
  /** Responses, not events: compared with our answers below. */
  private static final Set<String> RESPONSES = Set.of("http-trigger-response.json", "http-trigger-response-error.json");
  /** The events this class sends, by the function they name. */
  private static final Map<String, String> EVENTS = Map.ofEntries(
      Map.entry("http-trigger-event-get.json", "play-auth"),
      Map.entry("http-trigger-event-post-json.json", "refresh-upload"),
      Map.entry("http-trigger-event-post-base64.json", "refresh-upload"),
      Map.entry("mns-queue-eventbridge-event.json", "refresh-upload"),
      Map.entry("mns-queue-eventbridge-event-base64.json", "refresh-upload"),
      Map.entry("mns-queue-eventbridge-batch.json", "refresh-upload"),
      Map.entry("eventbridge-custom-event.json", "refresh-upload"),
      Map.entry("mns-topic-event-json.json", "refresh-upload"),
      Map.entry("mns-topic-event-stream.json", "refresh-upload"),
      Map.entry("invoke-direct-event.json", "both"));

  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  private static Path samples() {
    Path shared = FcHarness.sharedDir();
    Path dir = shared == null ? null : shared.resolve("samples/aliyun-fc3");
    assumeTrue(dir != null && Files.isDirectory(dir),
        "../shared/samples/aliyun-fc3 not found beside the clone (vodauth.sharedDir=" + shared + "): the FC samples are not checked");
    return dir;
  }

  private static JsonNode sample(String name) {
    return FcHarness.read(samples().resolve(name));
  }

  @Test
  void everySampleIsEitherSentHereOrNotOurs() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(samples())) {
      files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).collect(Collectors.toCollection(TreeSet::new));
    }
    Set<String> unclassified = new TreeSet<>(files);
    unclassified.removeAll(EVENTS.keySet());
    unclassified.removeAll(NOT_OURS);
    unclassified.removeAll(RESPONSES);
    assertEquals(Set.of(), unclassified, "a new sample: send it through its handler here, or list it as not ours");
    assertTrue(files.containsAll(EVENTS.keySet()), "every sample this class sends exists");
  }

  @Test
  void getSampleAnswersTheSuccessResponseSample() throws Exception {
    JsonNode response = fc.invoke(fc.playAuth, sample("http-trigger-event-get.json"), roleContext("1-6634a1b2-15d1c7a2-5b8f0c3e9a1d"));
    JsonNode expected = sample("http-trigger-response.json");

    assertStruct(response, expected.path("statusCode").asInt());
    assertEquals(expected.path("isBase64Encoded"), response.path("isBase64Encoded"));
    assertHeadersInclude(expected.path("headers"), response.path("headers"));
    ObjectNode body = (ObjectNode) JSON.readTree(response.path("body").asText());
    ObjectNode expectedBody = (ObjectNode) JSON.readTree(expected.path("body").asText());
    // VOD's RequestId and the PlayAuth are new each call: present, then compared as the sample's.
    for (String generated : List.of("RequestId", "PlayAuth")) {
      assertFalse(body.path(generated).asText().isEmpty(), generated);
      body.set(generated, expectedBody.get(generated));
    }
    assertEquals(expectedBody, body);
    assertEquals("1800", fc.emulator.takeRequest(1, TimeUnit.SECONDS).parameter("AuthInfoTimeout"));
  }

  @Test
  void missingVideoIdAnswersTheErrorResponseSample() throws Exception {
    JsonNode expected = sample("http-trigger-response-error.json");
    JsonNode response = fc.invoke(fc.playAuth, fixture("http-get-missing-videoid.json"), roleContext("1-6634a1b2-15d1c7a2-5b8f0c3e9a1d"));

    assertStruct(response, expected.path("statusCode").asInt());
    assertHeadersInclude(expected.path("headers"), response.path("headers"));
    ObjectNode body = (ObjectNode) JSON.readTree(response.path("body").asText());
    ObjectNode expectedBody = (ObjectNode) JSON.readTree(expected.path("body").asText());
    // The sample quotes VOD's own wording; ours names the field too, in the shared core's words.
    assertTrue(body.path("Message").asText().contains("VideoId"), body::toString);
    body.remove("Message");
    expectedBody.remove("Message");
    assertEquals(expectedBody, body);
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void postJsonSampleRefreshesTheUpload() throws Exception {
    JsonNode response = fc.invoke(fc.refreshUpload, sample("http-trigger-event-post-json.json"), roleContext("req-post"));

    assertStruct(response, 200);
    assertEquals("no-store", response.path("headers").path("Cache-Control").asText());
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertTrue(body.path("UploadAuth").isTextual() && body.path("UploadAddress").isTextual(), body::toString);
    RecordedVodRequest call = fc.emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("RefreshUploadVideo", call.action());
    assertEquals(SAMPLE_VIDEO, call.parameter("VideoId"));
  }

  @Test
  void base64PostSampleIsDecodedAndRefreshesTheUpload() throws Exception {
    // FC Base64-encodes bodies whose Content-Type is not textual: this one says
    // application/octet-stream and holds a JSON object, which the shared reader reads as JSON.
    JsonNode response = fc.invoke(fc.refreshUpload, sample("http-trigger-event-post-base64.json"), roleContext("req-octets"));

    assertStruct(response, 200);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertTrue(body.path("UploadAuth").isTextual(), body::toString);
    assertEquals(SAMPLE_VIDEO, fc.emulator.takeRequest(1, TimeUnit.SECONDS).parameter("VideoId"));
  }

  @ParameterizedTest(name = "{0} answers the upload credential for the sample's video")
  @ValueSource(strings = {"mns-queue-eventbridge-event.json", "eventbridge-custom-event.json",
      "mns-topic-event-json.json", "mns-topic-event-stream.json", "invoke-direct-event.json"})
  void singleMessageSamplesAreAnswered(String name) throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, sample(name), roleContext("req-" + name));

    assertTrue(answer.path("UploadAuth").isTextual(), answer::toString);
    assertTrue(answer.path("RequestId").isTextual());
    assertEquals(SAMPLE_VIDEO, fc.emulator.takeRequest(1, TimeUnit.SECONDS).parameter("VideoId"));
  }

  @Test
  void directSampleThroughPlayAuthAnswersAPlayAuth() throws Exception {
    JsonNode answer = fc.invoke(fc.playAuth, sample("invoke-direct-event.json"), roleContext("req-direct"));

    assertTrue(answer.path("PlayAuth").isTextual(), answer::toString);
    assertEquals(SAMPLE_VIDEO, answer.path("VideoMeta").path("VideoId").asText());
  }

  @Test
  void base64SampleIsDecodedAndItsInvalidVideoIdAnsweredAsAFailureRecord() throws Exception {
    // The sample's body decodes to {"videoId":"93ab850b4f6f54b6e91d24d81d4****","attempt":2}:
    // a masked ID, refused before any VOD call. The VideoId in the record proves it was decoded.
    JsonNode answer = fc.invoke(fc.refreshUpload, sample("mns-queue-eventbridge-event-base64.json"), roleContext("req-b64"));

    assertEquals("InvalidParameter", answer.path("Code").asText(), answer::toString);
    assertEquals("93ab850b4f6f54b6e91d24d81d4****", answer.path("VideoId").asText());
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void batchSampleAnswersBothMessages() throws Exception {
    JsonNode answer = fc.invoke(fc.refreshUpload, sample("mns-queue-eventbridge-batch.json"), roleContext("req-batch"));

    assertEquals(2, answer.path("Results").size(), answer::toString);
    assertEquals(0, answer.path("Failures").size());
    Set<String> called = new TreeSet<>();
    for (int i = 0; i < 2; i++) called.add(fc.emulator.takeRequest(1, TimeUnit.SECONDS).parameter("VideoId"));
    assertEquals(new TreeSet<>(List.of(SAMPLE_VIDEO, SAMPLE_BATCH_VIDEO)), called);
    assertTrue(fc.logLines.stream().anyMatch(l -> l.contains("\"eventbridge\"")), "logged as an eventbridge delivery");
  }

  private static void assertHeadersInclude(JsonNode expected, JsonNode actual) {
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      assertEquals(header.getValue(), actual.get(header.getKey()), "header " + header.getKey());
    }
  }
}
