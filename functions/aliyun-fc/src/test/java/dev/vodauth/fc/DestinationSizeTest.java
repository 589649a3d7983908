package dev.vodauth.fc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.vod.VodClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The largest destination record the deployed pipeline can produce fits in one MNS message
 * (64 KB, 65,536 bytes): s.yaml's batch window of messages, each the largest body the handler
 * answers (s.yaml's {@code EVENT_MESSAGE_MAX_BYTES} on refresh-upload, which the handler here is
 * configured with, as deployed) made of the characters that grow most when JSON is
 * escaped twice over, in FC's real CloudEvents batch envelope, answered through the real handler
 * with credentials of the real size by {@link RealSizeVod}, wrapped as FC wraps a destination
 * record ({@link DestinationRecord}), measured with the more generous of two JSON encoders.
 */
@Timeout(120)
class DestinationSizeTest {
  /** One MNS message at most (MaximumMessageSize cannot exceed 65,536 bytes). */
  static final int MNS_MESSAGE_LIMIT = 65_536;

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Payloads are tried as Jackson writes them and with everything escapable escaped. */
  private static final ObjectMapper ESCAPING_JSON = DestinationRecord.ESCAPING;
  private static final Path S_YAML = Paths.get("").toAbsolutePath().resolve("../../s.yaml").normalize();
  /** A real FC 3.0 request ID is 36 characters; the ARN is the deployed function's. */
  private static final String REQUEST_ID = "1-6634a2bb-3738323931d4e5f6a7b8c9d0e1f";
  private static final String FUNCTION_ARN = "acs:fc:cn-shanghai:1234567890123456:functions/vod-refresh-upload-video";

  /** The filler characters tried in each message's Context: the one that grows most decides. */
  private static final List<String> FILLERS = List.of("x", "\"", "\\", "\u0001", "<", "é", "中", "\uD83D\uDE00");

  private RealSizeVod vod;
  private RefreshUploadHandler handler;
  /** s.yaml's EVENT_MESSAGE_MAX_BYTES: the bound this test proves keeps the record in one message. */
  private int maxBytes;
  private final List<String> logLines = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vod = RealSizeVod.start();
    JsonNode deployed = refreshUploadProps().path("environmentVariables");
    // The message bound as deployed (the batch cap is left at its default: one test sends twice
    // the window); the endpoint is the real-size stand-in of VOD.
    Map<String, String> environment = Map.of(Config.VOD_ENDPOINT, vod.endpoint(), Config.VOD_READ_TIMEOUT_MS, "5000",
        Config.EVENT_MESSAGE_MAX_BYTES, deployed.path(Config.EVENT_MESSAGE_MAX_BYTES).asText());
    Config config = Config.from(environment);
    maxBytes = config.eventMessageMaxBytes();
    assertTrue(maxBytes < Config.from(Map.of()).eventMessageMaxBytes(), "s.yaml sets EVENT_MESSAGE_MAX_BYTES below the default");
    VodClient client = VodClient.create(config, EnvironmentCredentials.from(environment), JSON, new Random(7));
    VodFunctions functions = VodFunctions.create(config, client, InvocationLog.to(logLines::add, "INFO", Clock.systemUTC(), JSON), JSON);
    handler = new RefreshUploadHandler(functions);
  }

  @AfterEach
  void stop() {
    vod.close();
  }

  @Test
  void theLargestBatchTheWindowDeliversFitsInOneMnsMessageWithRealSizeCredentials() throws Exception {
    JsonNode sample = sampleBatch();
    JsonNode queueTrigger = queueTrigger();
    int window = queueTrigger.path("triggerConfig").path("runOptions").path("batchWindow").path("CountBasedWindow").asInt();
    assertTrue(window >= 1, "s.yaml sets a CountBasedWindow");

    int largest = 0;
    String worst = null;
    StringBuilder table = new StringBuilder();
    for (String filler : FILLERS) {
      String body = largestBody(filler, maxBytes);
      for (ObjectMapper payloadEncoder : List.of(JSON, ESCAPING_JSON)) {
        byte[] payload = payloadEncoder.writeValueAsBytes(batch(sample.get(0), window, body));
        int callsBefore = vod.calls();
        byte[] response = invoke(payload);

        JsonNode answer = JSON.readTree(response);
        assertEquals(window, answer.path("Results").size(), () -> "every message answered: " + answer.path("Failures"));
        assertEquals(window, vod.calls() - callsBefore, "one VOD call per message");
        for (JsonNode result : answer.path("Results")) {
          assertTrue(result.path("UploadAuth").asText().length() >= 2_500, "a real-size UploadAuth");
          assertEquals(JSON.readTree(body).path("Context"), result.path("Context"), "the Context comes back whole");
        }
        DestinationRecord success = DestinationRecord.success(REQUEST_ID, FUNCTION_ARN, payload, response);
        DestinationRecord failure = DestinationRecord.failure(REQUEST_ID, FUNCTION_ARN, payload,
            "{\"errorMessage\":\"Throttling.User: VOD throttled every attempt.\",\"errorType\":\"dev.vodauth.pipeline.EventFailureException\"}");
        int bytes = Math.max(success.bytes(), failure.bytes());
        table.append(String.format(Locale.ROOT, "  Context of %-8s payload %,7d B, answer %,7d B, record %,7d B%n",
            describe(filler) + (payloadEncoder == JSON ? "" : "*"), payload.length, response.length, bytes));
        if (bytes > largest) {
          largest = bytes;
          worst = describe(filler);
        }
      }
    }
    System.out.printf(Locale.ROOT,
        "FC destination record, worst case: %d messages of %d bytes each (CountBasedWindow %d), real-size credentials%n%s"
            + "  largest: %,d bytes (Context of %s), limit %,d, margin %,d bytes (* payload with non-ASCII and < > & escaped)%n",
        window, maxBytes, window, table, largest, worst, MNS_MESSAGE_LIMIT, MNS_MESSAGE_LIMIT - largest);
    assertTrue(largest < MNS_MESSAGE_LIMIT,
        "the largest destination record (" + largest + " bytes, Context of " + worst + ") exceeds one MNS message");
  }

  @Test
  void oneMoreMessageThanTheWindowWouldNotFitSoTheWindowIsTheRightBound() throws Exception {
    JsonNode sample = sampleBatch();
    int window = queueTrigger().path("triggerConfig").path("runOptions").path("batchWindow").path("CountBasedWindow").asInt();
    byte[] payload = JSON.writeValueAsBytes(batch(sample.get(0), 2 * window, largestBody("\"", maxBytes)));

    byte[] response = invoke(payload);

    int bytes = DestinationRecord.success(REQUEST_ID, FUNCTION_ARN, payload, response).bytes();
    assertTrue(bytes > MNS_MESSAGE_LIMIT, "twice the window would be " + bytes + " bytes: the window is what keeps it under");
  }

  @Test
  void aBodyOverTheBoundIsRefusedClearlyWithNothingEchoedNoVodCallAndTheOthersAnswered() throws Exception {
    JsonNode sample = sampleBatch();
    String tooLarge = largestBody("x", maxBytes).replace("\"k\":\"", "\"k\":\"y");
    assertEquals(maxBytes + 1, tooLarge.getBytes(StandardCharsets.UTF_8).length);
    String base64 = Base64.getEncoder().encodeToString(largestBody("x", maxBytes).getBytes(StandardCharsets.UTF_8));
    int base64Bytes = base64.length();
    ArrayNode events = JSON.createArrayNode();
    events.add(event(sample.get(0), 0, tooLarge));
    events.add(event(sample.get(0), 1, largestBody("x", maxBytes)));
    events.add(event(sample.get(0), 2, base64));

    JsonNode answer = JSON.readTree(invoke(JSON.writeValueAsBytes(events)));

    assertEquals(1, answer.path("Results").size(), answer::toString);
    assertEquals(JSON.readTree(largestBody("x", maxBytes)).path("Context"), answer.path("Results").get(0).path("Context"),
        "the body exactly at the bound is answered");
    assertEquals(2, answer.path("Failures").size(), "a Base64 body is measured as delivered, before decoding");
    List<String> expected = List.of(
        "The message is " + (maxBytes + 1) + " bytes; at most " + maxBytes + " are accepted.",
        "The message is " + base64Bytes + " bytes; at most " + maxBytes + " are accepted.");
    for (int i = 0; i < 2; i++) {
      JsonNode failure = answer.path("Failures").get(i);
      assertEquals("MessageTooLarge", failure.path("Code").asText(), failure::toString);
      assertEquals(expected.get(i), failure.path("Message").asText());
      assertTrue(failure.path("VideoId").isNull(), "nothing of an unread message is echoed");
      assertFalse(failure.has("Context"));
      assertFalse(failure.toString().contains(FcHarness.SAMPLE_VIDEO), failure::toString);
    }
    assertEquals(1, vod.calls(), "one VOD call: the message at the bound's");
  }

  private byte[] invoke(byte[] payload) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload), out, FcHarness.roleContext(REQUEST_ID));
    return out.toByteArray();
  }

  /** {"VideoId": "...", "Context": {"k": "<filler>..."}}, as long as fits in maxBytes. */
  static String largestBody(String filler, int maxBytes) throws Exception {
    StringBuilder value = new StringBuilder();
    String body = bodyWith("");
    while (true) {
      String longer = bodyWith(value + filler);
      if (longer.getBytes(StandardCharsets.UTF_8).length > maxBytes) break;
      value.append(filler);
      body = longer;
    }
    // Pad with ASCII to the exact limit, so every filler is measured at full size.
    while (bodyWith(value + "x").getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      value.append('x');
      body = bodyWith(value.toString());
    }
    return body;
  }

  private static String bodyWith(String contextValue) throws Exception {
    ObjectNode message = JSON.createObjectNode();
    message.put("VideoId", FcHarness.SAMPLE_VIDEO);
    message.putObject("Context").put("k", contextValue);
    return JSON.writeValueAsString(message);
  }

  /** {@code count} CloudEvents in the sample's envelope, IDs as long as MNS's, this body each. */
  static ArrayNode batch(JsonNode template, int count, String body) {
    ArrayNode events = JSON.createArrayNode();
    for (int i = 0; i < count; i++) events.add(event(template, i, body));
    return events;
  }

  static ObjectNode event(JsonNode template, int index, String body) {
    ObjectNode event = template.deepCopy();
    String id = String.format(Locale.ROOT, "2C5424F2807661357FC66F46D1B%05X", index);
    event.put("id", id);
    ObjectNode data = (ObjectNode) event.get("data");
    data.put("messageId", id);
    data.put("messageBody", body);
    return event;
  }

  static JsonNode sampleBatch() {
    Path file = FcHarness.sharedDir() == null ? null
        : FcHarness.sharedDir().resolve("samples/aliyun-fc3/mns-queue-eventbridge-batch.json");
    assumeTrue(file != null && Files.isRegularFile(file),
        "../shared/samples/aliyun-fc3/mns-queue-eventbridge-batch.json not found beside the clone: FC's batch envelope is unknown");
    return FcHarness.read(file);
  }

  /** refresh-upload's props in s.yaml, rendered with its defaults. */
  static JsonNode refreshUploadProps() throws Exception {
    return new ServerlessYaml(Map.of(), Map.of("AccountID", "1234567890123456")).render(S_YAML)
        .path("resources").path("refresh-upload").path("props");
  }

  private static JsonNode queueTrigger() throws Exception {
    for (JsonNode trigger : refreshUploadProps().path("triggers")) {
      if (trigger.path("triggerType").asText().equals("eventbridge")) return trigger;
    }
    throw new AssertionError("s.yaml: refresh-upload has no eventbridge trigger");
  }

  private static String describe(String filler) {
    int cp = filler.codePointAt(0);
    return cp < 0x20 || cp > 0x7e ? String.format(Locale.ROOT, "U+%04X", cp) : "'" + filler + "'";
  }
}
