package dev.vodauth.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.playauth.JwtPlayAuth;
import dev.vodauth.request.CallRules;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.request.RepeatedFields;
import dev.vodauth.vod.Deadline;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.vod.VodCall;
import dev.vodauth.vod.VodClient;
import dev.vodauth.vod.VodOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The event contract: a message {@code {"VideoId": "...", "Context": {...}}}, or a batch of them,
 * answered with the API's response plus the untouched Context. Permanent failures are answered;
 * a transient one throws {@link EventFailureException} so the platform retries the invocation.
 */
public final class EventProcessor {
  private final VodOperation operation;
  private final CallRules rules;
  private final VodClient client;
  private final ObjectMapper json;
  /** Reads message text, remembering a field given twice (built once: readers are immutable). */
  private final ObjectReader messageReader;
  private final int batchMaxMessages;
  private final int messageMaxBytes;
  private final JwtPlayAuth playAuth;

  /**
   * @param batchMaxMessages the most messages one invocation answers; a larger batch is refused whole
   * @param messageMaxBytes the largest message answered, in UTF-8 bytes; a larger one is refused
   * @param playAuth play-auth's kinds (a message may ask for one with PlayAuthType); null for other functions
   */
  public EventProcessor(VodOperation operation, CallRules rules, VodClient client, ObjectMapper json,
      int batchMaxMessages, int messageMaxBytes, JwtPlayAuth playAuth) {
    this.operation = operation;
    this.playAuth = playAuth;
    this.rules = rules;
    this.client = client;
    this.json = json;
    this.messageReader = RepeatedFields.reader(json);
    this.batchMaxMessages = batchMaxMessages;
    this.messageMaxBytes = messageMaxBytes;
  }

  /** One message: the response plus Context, or its failure record. */
  public Outcome processOne(JsonNode message, Deadline deadline, VodCredentials keys) {
    Item item = process(message, deadline, keys);
    List<Answer> answers = List.of(item.answer);
    Outcome outcome;
    if (item.answer.isSuccess()) {
      outcome = Outcome.answered(item.result, item.answer, item.videoId, 1, 0, answers);
    } else if (item.answer.kind().failsEvent()) {
      outcome = Outcome.failed(item.answer, item.videoId, answers);
    } else {
      outcome = Outcome.answered(item.failure, item.answer, item.videoId, 0, 1, answers);
    }
    outcome.playAuthType = item.playAuthType;
    return outcome;
  }

  /** A batch: {@code {"Results": [...], "Failures": [...]}}, stopping at the first transient failure. */
  public Outcome processBatch(List<JsonNode> messages, Deadline deadline, VodCredentials keys) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode results = answer.putArray("Results");
    ArrayNode failures = answer.putArray("Failures");
    if (messages.size() > batchMaxMessages) {
      // Refused before any VOD call, and permanently: retrying the same batch cannot help.
      Answer tooLarge = Answer.error(ErrorKind.BATCH_TOO_LARGE, "A batch may hold at most " + batchMaxMessages
          + " messages; this one holds " + messages.size() + ". None was processed: send them in smaller batches.");
      failures.add(Item.failed(tooLarge, null, null, json).failure);
      return Outcome.answered(answer, tooLarge, null, 0, 1, List.of(tooLarge));
    }
    Answer last = null;
    List<Answer> answers = new ArrayList<>(messages.size());
    for (JsonNode message : messages) {
      Item item = process(message, deadline, keys);
      last = item.answer;
      answers.add(item.answer);
      if (item.answer.isSuccess()) {
        results.add(item.result);
      } else if (item.answer.kind().failsEvent()) {
        return Outcome.failed(item.answer, item.videoId, answers);
      } else {
        failures.add(item.failure);
      }
    }
    return Outcome.answered(answer, last, null, results.size(), failures.size(), answers);
  }

  private Item process(JsonNode raw, Deadline deadline, VodCredentials keys) {
    int bytes = sizeInBytes(raw);
    if (bytes > messageMaxBytes) {
      // Refused before it is read: nothing of it (VideoId, Context) is echoed, no VOD call.
      return Item.failed(Answer.error(ErrorKind.MESSAGE_TOO_LARGE,
          "The message is " + bytes + " bytes; at most " + messageMaxBytes + " are accepted."), null, null, json);
    }
    JsonNode message = raw;
    if (raw != null && raw.isTextual()) {
      try {
        message = messageReader.readTree(raw.asText());
      } catch (IOException e) {
        message = null;
      }
    }
    if (message == null || !message.isObject()) {
      return Item.failed(Answer.error(ErrorKind.INVALID_PARAMETER, "The message is not a JSON object."), null, null, json);
    }
    JsonNode context = fieldIgnoringCase(message, "Context");
    String videoId = message.path("VideoId").isValueNode() ? message.path("VideoId").asText() : null;
    if (context != null && !context.isObject() && !context.isNull()) {
      return Item.failed(Answer.error(ErrorKind.INVALID_PARAMETER, "Context must be a JSON object."), videoId, null, json);
    }
    Parameters.Collector values = new Parameters.Collector();
    Answer repeated = values.addFields(message, "Context");
    if (repeated != null) return Item.failed(repeated, null, context, json);
    Parameters parameters = values.parameters();
    videoId = parameters.get("VideoId");
    String kind = playAuth == null ? null : playAuth.loggedKind(parameters);
    // Events come from the platform's own delivery: no caller token, so no entitlement to check.
    Answer answer = playAuth == null ? null : playAuth.answer(parameters, id -> null, deadline, keys, null);
    if (answer == null) {
      Checked<VodCall> call = rules.check(operation, parameters);
      answer = call.isOk() ? client.call(call.value(), deadline, keys) : call.error();
    }
    if (!answer.isSuccess()) return Item.failed(answer, videoId, context, json).ofKind(kind);
    ObjectNode result = answer.body().deepCopy();
    if (context != null && context.isObject()) result.set("Context", context);
    return new Item(answer, videoId, result, null).ofKind(kind);
  }

  /**
   * Text as delivered (an adapter passes a body it did not read, Base64 included, as text); a
   * message that arrives parsed (a direct invocation's object, a custom event's data) by its
   * compact JSON, which is what a platform's request payload carries of it.
   */
  private int sizeInBytes(JsonNode raw) {
    if (raw == null || raw.isNull()) return 0;
    if (raw.isTextual()) return raw.asText().getBytes(StandardCharsets.UTF_8).length;
    try {
      // Via a String: Jackson's byte writer escapes a character beyond U+FFFF as two \\u escapes
      // (12 bytes); written as text it is the 4 UTF-8 bytes a platform carries.
      return json.writeValueAsString(raw).getBytes(StandardCharsets.UTF_8).length;
    } catch (IOException e) {
      throw new UncheckedIOException("a parsed message could not be written back", e);
    }
  }

  private static JsonNode fieldIgnoringCase(JsonNode object, String name) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String n = names.next();
      if (n.equalsIgnoreCase(name)) return object.get(n);
    }
    return null;
  }

  /** What one invocation produced: the JSON to return, or the transient failure to throw. */
  public static final class Outcome {
    private final ObjectNode answer;
    private final Answer lastAnswer;
    private final String videoId;
    private final int results;
    private final int failures;
    private final List<Answer> answers;
    private String playAuthType;

    private Outcome(ObjectNode answer, Answer lastAnswer, String videoId, int results, int failures, List<Answer> answers) {
      this.answer = answer;
      this.lastAnswer = lastAnswer;
      this.videoId = videoId;
      this.results = results;
      this.failures = failures;
      this.answers = answers;
    }

    static Outcome answered(ObjectNode answer, Answer last, String videoId, int results, int failures, List<Answer> answers) {
      return new Outcome(answer, last, videoId, results, failures, answers);
    }

    static Outcome failed(Answer transientFailure, String videoId, List<Answer> answers) {
      return new Outcome(null, transientFailure, videoId, 0, 1, answers);
    }

    /** play-auth's kind a single message asked for (VOD or JWT), where JWT is offered; else null. */
    public String playAuthType() {
      return playAuthType;
    }

    /** Every message's answer, in order, up to the failing one: the log line's VOD figures. */
    public List<Answer> answers() {
      return answers;
    }

    /** True when a batch was refused as a whole (too many messages), without a VOD call. */
    public boolean refusedWhole() {
      return answer != null && lastAnswer != null && lastAnswer.kind() == ErrorKind.BATCH_TOO_LARGE;
    }

    /** True when the invocation must fail so that the platform retries it. */
    public boolean mustFail() {
      return answer == null;
    }

    /** The JSON to return (a result, a failure record, or a batch); null when it must fail. */
    public ObjectNode answer() {
      return answer;
    }

    /** The last call's answer (the failing one when it must fail); null for an empty batch. */
    public Answer lastAnswer() {
      return lastAnswer;
    }

    /** The message's VideoId for a single message; null for a batch. */
    public String videoId() {
      return videoId;
    }

    public int results() {
      return results;
    }

    public int failures() {
      return failures;
    }
  }

  private static final class Item {
    final Answer answer;
    final String videoId;
    final ObjectNode result;
    final ObjectNode failure;
    String playAuthType;

    Item(Answer answer, String videoId, ObjectNode result, ObjectNode failure) {
      this.answer = answer;
      this.videoId = videoId;
      this.result = result;
      this.failure = failure;
    }

    Item ofKind(String kind) {
      this.playAuthType = kind;
      return this;
    }

    static Item failed(Answer answer, String videoId, JsonNode context, ObjectMapper json) {
      ObjectNode failure = json.createObjectNode();
      failure.put("VideoId", videoId);
      failure.put("Code", answer.code());
      failure.put("Message", answer.message());
      if (answer.vodRequestId() != null) failure.put("RequestId", answer.vodRequestId());
      if (context != null && context.isObject()) failure.set("Context", context);
      return new Item(answer, videoId, null, failure);
    }
  }
}
