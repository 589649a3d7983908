package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.pipeline.EventFailureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The upload-retry pipeline's contract as AWS delivers it, end to end against the emulator:
 * EventBridge's asynchronous invocation (what its OnSuccess destination record's
 * {@code responsePayload} holds, what is retried and dead-lettered), and an EventBridge Pipe's
 * batch of SQS records in their real format (one answer per record, in order, on the results
 * queue through the template's own InputTemplate; a transient failure returns the whole batch to
 * the source queue, which dead-letters it after its maxReceiveCount). Each with a good, an
 * unknown, a damaged, a malformed and a throttled message. The platform's side (retries, the
 * redrive count, the Pipe's target template) is read from template.yml, not assumed.
 */
@Timeout(60)
class UploadRetryPipelineTest {
  private static JsonNode template;
  @RegisterExtension final Harness harness = Harness.onDemoCatalogue();

  @BeforeAll
  static void loadTemplate() throws Exception {
    template = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(CloudFormationYaml.load(SamTemplateTest.TEMPLATE));
  }

  // ---- EventBridge rule -> refresh-upload (async) -> OnSuccess results queue / OnFailure DLQ ----

  @Test
  void eventBridgeGoodUnknownDamagedAndMalformedEventsEachLandAnswerOnTheResultsQueue() {
    AsyncLambda lambda = new AsyncLambda(harness.refreshUpload());

    lambda.deliver(eventBridge("{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"uploadId\":\"u-1\"}}"));
    lambda.deliver(eventBridge("{\"VideoId\":\"" + DemoCatalogue.UNKNOWN + "\",\"Context\":{\"uploadId\":\"u-2\"}}"));
    lambda.deliver(eventBridge("{\"VideoId\":\"" + DemoCatalogue.DAMAGED + "\",\"Context\":{\"uploadId\":\"u-3\"}}"));
    lambda.deliver(eventBridge("{\"VideoId\":\"not a video id\",\"Context\":{\"uploadId\":\"u-4\"}}"));

    assertEquals(4, lambda.resultsQueue.size());
    assertEquals(List.of(), lambda.deadLetterQueue);
    JsonNode good = lambda.resultsQueue.get(0);
    assertEquals("Success", good.path("requestContext").path("condition").asText());
    assertTrue(good.path("responsePayload").path("UploadAuth").isTextual());
    assertEquals("u-1", good.path("responsePayload").path("Context").path("uploadId").asText());
    assertFailure(lambda.resultsQueue.get(1).path("responsePayload"), "InvalidVideo.NotFound", "u-2");
    assertFailure(lambda.resultsQueue.get(2).path("responsePayload"), "InvalidVideo.Damaged", "u-3");
    assertFailure(lambda.resultsQueue.get(3).path("responsePayload"), "InvalidParameter", "u-4");
    assertEquals(4, lambda.invocations, "permanent failures are answered, never retried");
  }

  @Test
  void eventBridgeThrottledEventIsRetriedThenDeadLetteredWithNothingOnTheResultsQueue() {
    int retries = template.path("Resources").path("RefreshUploadFunction").path("Properties")
        .path("EventInvokeConfig").path("MaximumRetryAttempts").asInt(-1);
    assertTrue(retries >= 1, "the template retries transient failures");
    int attempts = retries + 1;
    for (int i = 0; i < 3 * attempts; i++) harness.emulator.enqueue(ScriptedResponse.throttling()); // 3 VOD attempts per invocation
    AsyncLambda lambda = new AsyncLambda(harness.refreshUpload());

    lambda.deliver(eventBridge("{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"uploadId\":\"u-5\"}}"));

    assertEquals(attempts, lambda.invocations);
    assertEquals(List.of(), lambda.resultsQueue);
    assertEquals(1, lambda.deadLetterQueue.size());
    JsonNode record = lambda.deadLetterQueue.get(0);
    assertEquals("RetriesExhausted", record.path("requestContext").path("condition").asText());
    assertEquals("u-5", record.path("requestPayload").path("detail").path("Context").path("uploadId").asText());
    assertFalse(record.toString().contains("UploadAuth"), "a dead letter holds the request only");
  }

  @Test
  void eventBridgeThrottlingThatClearsWithinTheRetriesIsAnsweredOnce() {
    for (int i = 0; i < 3; i++) harness.emulator.enqueue(ScriptedResponse.throttling()); // the first invocation fails
    AsyncLambda lambda = new AsyncLambda(harness.refreshUpload());

    lambda.deliver(eventBridge("{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"uploadId\":\"u-6\"}}"));

    assertEquals(2, lambda.invocations);
    assertEquals(1, lambda.resultsQueue.size());
    assertTrue(lambda.resultsQueue.get(0).path("responsePayload").path("UploadAuth").isTextual());
    assertEquals(List.of(), lambda.deadLetterQueue);
  }

  // ---- SQS queue -> Pipe -> refresh-upload (enrichment) -> results queue ----

  @Test
  void pipeBatchOfGoodUnknownDamagedAndMalformedIsAnsweredOnePerRecordInOrder() {
    ArrayNode batch = pipeBatch(
        "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"uploadId\":\"q-1\"}}",
        "{\"VideoId\":\"" + DemoCatalogue.UNKNOWN + "\",\"Context\":{\"uploadId\":\"q-2\"}}",
        "{\"VideoId\":\"" + DemoCatalogue.DAMAGED + "\",\"Context\":{\"uploadId\":\"q-3\"}}",
        "{\"VideoId\": \"" + DemoCatalogue.PLAYABLE + "\", \"Context\": [unterminated");
    Pipe pipe = new Pipe(harness.refreshUpload());

    pipe.poll(batch);

    assertEquals(4, pipe.resultsQueue.size(), pipe.resultsQueue.toString());
    assertEquals(List.of(), pipe.sourceQueue);
    JsonNode good = pipe.resultsQueue.get(0).path("responsePayload");
    assertTrue(good.path("UploadAuth").isTextual() && good.path("UploadAddress").isTextual());
    assertEquals("q-1", good.path("Context").path("uploadId").asText());
    assertFailure(pipe.resultsQueue.get(1).path("responsePayload"), "InvalidVideo.NotFound", "q-2");
    assertFailure(pipe.resultsQueue.get(2).path("responsePayload"), "InvalidVideo.Damaged", "q-3");
    assertEquals("InvalidParameter", pipe.resultsQueue.get(3).path("responsePayload").path("Code").asText());
    assertEquals(3, harness.emulator.requestCount(), "no VOD call for the malformed body");
    for (String line : harness.logLines) assertTrue(line.contains("\"pipe-sqs\""), line);
  }

  @Test
  void pipeBatchWithAThrottledRecordFailsWholeAndIsRetriedThenDeadLettered() {
    int maxReceiveCount = template.path("Resources").path("UploadRetrySourceQueue").path("Properties")
        .path("RedrivePolicy").path("maxReceiveCount").asInt(-1);
    assertTrue(maxReceiveCount >= 2, "the created queue redrives after a few receives");
    for (int receive = 0; receive < maxReceiveCount; receive++) {
      harness.emulator.enqueue(ScriptedResponse.normal()); // the good record before it
      for (int i = 0; i < 3; i++) harness.emulator.enqueue(ScriptedResponse.throttling());
    }
    ArrayNode batch = pipeBatch(
        "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"uploadId\":\"q-4\"}}",
        "{\"VideoId\":\"" + DemoCatalogue.NOT_YET_PLAYABLE + "\",\"Context\":{\"uploadId\":\"q-5\"}}");
    Pipe pipe = new Pipe(harness.refreshUpload());

    pipe.poll(batch);
    while (!pipe.sourceQueue.isEmpty()) pipe.poll(pipe.receiveAgain());

    assertEquals(maxReceiveCount, pipe.receives, "received again until the redrive count");
    assertEquals("Throttling.User", pipe.lastFailureCode); // the emulator throttles as VOD does
    assertEquals(List.of(), pipe.resultsQueue, "a failed batch puts nothing on the results queue");
    assertEquals(List.of(), pipe.sourceQueue);
    assertEquals(2, pipe.deadLetterQueue.size(), "both records, the answered one too, are dead-lettered");
    assertEquals("q-5", readJson(pipe.deadLetterQueue.get(1).path("body").asText()).path("Context").path("uploadId").asText());
  }

  @Test
  void pipeBatchOfTheSharedSqsSampleIsAnsweredInOrder() throws IOException {
    JsonNode sample = harness.json.readTree(Samples.file("sqs_refresh_batch.json").toFile());
    String goodId = readJson(sample.path("Records").path(0).path("body").asText()).path("VideoId").asText();
    harness.emulator.addVideo(Video.of(goodId, VideoStatus.UPLOADING));
    ArrayNode batch = (ArrayNode) sample.path("Records"); // a Pipe hands the records without the envelope

    JsonNode answer = harness.invoke(harness.refreshUpload(), bytes(batch));

    assertTrue(answer.isArray(), answer.toString());
    assertEquals(3, answer.size());
    assertEquals(goodId, answer.path(0).path("VideoId").asText());
    assertTrue(answer.path(0).path("UploadAuth").isTextual());
    assertEquals("InvalidVideo.NotFound", answer.path(1).path("Code").asText());
    assertEquals("InvalidParameter", answer.path(2).path("Code").asText());
  }

  /**
   * A Pipe's batch goes through the core once: one log line for the whole batch, the batch cap
   * and the message size rule applied as to any other batch.
   */
  @Test
  void pipeBatchIsOneInvocationOfTheCoreWithOneLogLine() throws IOException {
    ArrayNode batch = pipeBatch(
        "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"uploadId\":\"q-1\"}}",
        "{\"VideoId\":\"" + DemoCatalogue.UNKNOWN + "\",\"Context\":{\"uploadId\":\"q-2\"}}");

    JsonNode answers = harness.invoke(harness.refreshUpload(), bytes(batch));

    assertEquals(2, answers.size(), answers.toString());
    assertEquals(1, harness.logLines.size(), harness.logLines.toString());
    JsonNode line = harness.json.readTree(harness.logLines.get(0));
    assertEquals("pipe-sqs", line.path("trigger").asText());
    assertEquals("Batch", line.path("outcome").asText());
    assertEquals(1, line.path("results").asInt(), line.toString());
    assertEquals(1, line.path("failures").asInt(), line.toString());
  }

  /**
   * A Pipe batch over EVENT_BATCH_MAX_MESSAGES (a Pipe given a larger batch size, or anyone
   * allowed lambda:InvokeFunction) fails the invocation whole, before any VOD call: the records
   * stay on the source queue and end on its dead-letter queue (nothing is answered as done).
   */
  @Test
  void pipeBatchOverTheCapFailsWholeWithoutAVodCall() throws IOException {
    String[] bodies = new String[11];
    for (int i = 0; i < bodies.length; i++) bodies[i] = "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\"}";
    Pipe pipe = new Pipe(harness.refreshUpload());

    pipe.poll(pipeBatch(bodies));

    assertEquals("BatchTooLarge", pipe.lastFailureCode);
    assertEquals(0, harness.emulator.requestCount(), "no VOD call");
    assertEquals(List.of(), pipe.resultsQueue);
    assertEquals(11, pipe.sourceQueue.size(), "the records stay on the source queue");
    assertEquals(1, harness.logLines.size(), harness.logLines.toString());
    JsonNode line = harness.json.readTree(harness.logLines.get(0));
    assertEquals("BatchTooLarge", line.path("outcome").asText());
    assertTrue(line.path("message").asText().contains("at most 10"), line.toString());

    // At the cap, every record is answered.
    pipe.poll(pipeBatch(java.util.Arrays.copyOf(bodies, 10)));
    assertEquals(10, pipe.resultsQueue.size());
  }

  @Test
  void pipeRecordOverTheMessageSizeIsAnsweredItsFailureRecordInItsPlace() {
    StringBuilder context = new StringBuilder();
    for (int i = 0; i < 2000; i++) context.append("0123456789");
    ArrayNode batch = pipeBatch(
        "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\",\"Context\":{\"pad\":\"" + context + "\"}}",
        "{\"VideoId\":\"" + DemoCatalogue.PLAYABLE + "\"}");

    JsonNode answers = harness.invoke(harness.refreshUpload(), bytes(batch));

    assertEquals("MessageTooLarge", answers.path(0).path("Code").asText(), answers.toString());
    assertTrue(answers.path(1).path("UploadAuth").isTextual(), answers.toString());
    assertEquals(1, harness.emulator.requestCount());
  }

  // ---- models of the platform's side, each step taken from the documents named ----

  /**
   * Lambda's asynchronous invocation with the template's EventInvokeConfig: success (an answer,
   * permanent failures included) goes to OnSuccess as a destination record whose
   * responsePayload is the answer; a function error is retried MaximumRetryAttempts times, then
   * goes to OnFailure with the request (docs: "Capturing records of Lambda asynchronous
   * invocations").
   */
  private final class AsyncLambda {
    final List<JsonNode> resultsQueue = new ArrayList<>();
    final List<JsonNode> deadLetterQueue = new ArrayList<>();
    final RefreshUploadHandler handler;
    int invocations;

    AsyncLambda(RefreshUploadHandler handler) {
      this.handler = handler;
    }

    void deliver(ObjectNode event) {
      int retries = template.path("Resources").path("RefreshUploadFunction").path("Properties")
          .path("EventInvokeConfig").path("MaximumRetryAttempts").asInt();
      for (int attempt = 0; attempt <= retries; attempt++) {
        invocations++;
        try {
          JsonNode answer = readJson(Harness.invokeRaw(handler, bytes(event), "req-" + invocations));
          resultsQueue.add(destinationRecord("Success", event).set("responsePayload", answer));
          return;
        } catch (EventFailureException transientFailure) {
          harness.assertNoSecretIn(transientFailure.getMessage());
        }
      }
      deadLetterQueue.add(destinationRecord("RetriesExhausted", event));
    }

    private ObjectNode destinationRecord(String condition, JsonNode event) {
      ObjectNode record = harness.json.createObjectNode();
      record.putObject("requestContext").put("condition", condition).put("approximateInvokeCount", invocations);
      record.set("requestPayload", event);
      return record;
    }
  }

  /**
   * The template's Pipe: the enrichment gets the batch of SQS records; its array answer is sent
   * to the target one message per element through the template's InputTemplate; a failed
   * enrichment leaves the batch on the source queue, received again after the visibility
   * timeout, and dead-lettered by the redrive policy at maxReceiveCount.
   */
  private final class Pipe {
    final List<JsonNode> resultsQueue = new ArrayList<>();
    final List<JsonNode> deadLetterQueue = new ArrayList<>();
    List<JsonNode> sourceQueue = new ArrayList<>();
    final RefreshUploadHandler handler;
    int receives;
    String lastFailureCode;

    Pipe(RefreshUploadHandler handler) {
      this.handler = handler;
    }

    void poll(ArrayNode batch) {
      receives++;
      try {
        JsonNode answers = readJson(Harness.invokeRaw(handler, bytes(batch), "req-pipe-" + receives));
        assertTrue(answers.isArray() && answers.size() == batch.size(), "one answer per record: " + answers);
        String inputTemplate = template.path("Resources").path("UploadRetryPipe").path("Properties")
            .path("TargetParameters").path("InputTemplate").asText();
        for (JsonNode answer : answers) {
          resultsQueue.add(readJson(inputTemplate.replace("<aws.pipes.event.json>", answer.toString())));
        }
        sourceQueue = new ArrayList<>();
      } catch (EventFailureException transientFailure) {
        harness.assertNoSecretIn(transientFailure.getMessage());
        lastFailureCode = transientFailure.code();
        sourceQueue = new ArrayList<>();
        int maxReceiveCount = template.path("Resources").path("UploadRetrySourceQueue").path("Properties")
            .path("RedrivePolicy").path("maxReceiveCount").asInt();
        for (JsonNode record : batch) (receives >= maxReceiveCount ? deadLetterQueue : sourceQueue).add(record);
      }
    }

    ArrayNode receiveAgain() {
      ArrayNode batch = harness.json.createArrayNode();
      for (JsonNode record : sourceQueue) {
        ObjectNode again = record.deepCopy();
        ((ObjectNode) again.path("attributes")).put("ApproximateReceiveCount", String.valueOf(receives + 1));
        batch.add(again);
      }
      return batch;
    }
  }

  private static void assertFailure(JsonNode answer, String code, String uploadId) {
    assertEquals(code, answer.path("Code").asText(), answer.toString());
    assertTrue(answer.path("Message").isTextual(), answer.toString());
    assertEquals(uploadId, answer.path("Context").path("uploadId").asText(), answer.toString());
    assertFalse(answer.has("UploadAuth"));
  }

  private ObjectNode eventBridge(String detail) {
    ObjectNode event = (ObjectNode) readJson(new String(Harness.read(Harness.resource("events/eventbridge/good.json")),
        java.nio.charset.StandardCharsets.UTF_8));
    event.set("detail", readJson(detail));
    return event;
  }

  /** SQS records in the format the sample shows (every field), one per body. */
  private ArrayNode pipeBatch(String... bodies) {
    ArrayNode batch = harness.json.createArrayNode();
    for (int i = 0; i < bodies.length; i++) {
      ObjectNode record = harness.json.createObjectNode();
      record.put("messageId", "m-" + (i + 1));
      record.put("receiptHandle", "rh-" + (i + 1));
      record.put("body", bodies[i]);
      ObjectNode attributes = record.putObject("attributes");
      attributes.put("ApproximateReceiveCount", "1");
      attributes.put("SentTimestamp", "1601975709495");
      attributes.put("SenderId", "AROAEXAMPLE");
      attributes.put("ApproximateFirstReceiveTimestamp", "1601975709499");
      record.putObject("messageAttributes");
      record.put("md5OfBody", "d41d8cd98f00b204e9800998ecf8427e");
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:upload-retry");
      record.put("awsRegion", "us-east-1");
      batch.add(record);
    }
    return batch;
  }

  private byte[] bytes(JsonNode node) {
    try {
      return harness.json.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode readJson(String text) {
    try {
      return harness.json.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
