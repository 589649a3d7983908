package dev.vodauth.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorBody;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.auth.Caller;
import dev.vodauth.request.Checked;
import dev.vodauth.request.Parameters;
import dev.vodauth.request.RepeatedFields;
import dev.vodauth.vod.Deadline;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.vod.VodCall;
import dev.vodauth.vod.VodClient;
import dev.vodauth.operation.VodOperation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The event contract: a message {@code {"VideoId": "...", "Context": {...}}}, or a batch of them,
 * answered with the API's response plus the untouched Context. Permanent failures are answered;
 * a transient one throws {@link EventFailureException} so the platform retries the invocation.
 * Every batch, however it arrives, is answered here once, so the batch cap and the message size
 * rule apply in one place.
 */
public final class EventProcessor {
  private final VodOperation operation;
  private final VodClient client;
  private final ObjectMapper json;
  /** Reads message text, remembering a field given twice (built once: readers are immutable). */
  private final ObjectReader messageReader;
  private final int batchMaxMessages;
  private final int messageMaxBytes;

  /**
   * @param batchMaxMessages the most messages one invocation answers; a larger batch is refused whole
   * @param messageMaxBytes the largest message answered, in UTF-8 bytes; a larger one is refused
   */
  public EventProcessor(VodOperation operation, VodClient client, ObjectMapper json,
      int batchMaxMessages, int messageMaxBytes) {
    this.operation = operation;
    this.client = client;
    this.json = json;
    this.messageReader = RepeatedFields.reader(json);
    this.batchMaxMessages = batchMaxMessages;
    this.messageMaxBytes = messageMaxBytes;
  }

  /** One message: the response plus Context, or its failure record. */
  public Outcome processOne(JsonNode message, Deadline deadline, VodCredentials keys) {
    Set<String> kinds = new TreeSet<>();
    Item item = process(message, deadline, keys, kinds);
    List<Answer> answers = List.of(item.answer);
    if (item.answer.isSuccess()) return Outcome.answered(item.result, item.answer, item.videoId, 1, 0, answers).of(kinds);
    if (item.answer.kind().failsEvent()) return Outcome.failed(item.answer, item.videoId, answers).of(kinds);
    return Outcome.answered(item.failure, item.answer, item.videoId, 0, 1, answers).of(kinds);
  }

  /** A batch: {@code {"Results": [...], "Failures": [...]}}, stopping at the first transient failure. */
  public Outcome processBatch(List<JsonNode> messages, Deadline deadline, VodCredentials keys) {
    ObjectNode answer = json.createObjectNode();
    ArrayNode results = answer.putArray("Results");
    ArrayNode failures = answer.putArray("Failures");
    if (messages.size() > batchMaxMessages) {
      // Refused before any VOD call, and permanently: retrying the same batch cannot help.
      Answer tooLarge = tooLarge(messages.size());
      failures.add(Item.failed(tooLarge, null, null, json).failure);
      return Outcome.answered(answer, tooLarge, null, 0, 1, List.of(tooLarge));
    }
    Answer last = null;
    Set<String> kinds = new TreeSet<>();
    List<Answer> answers = new ArrayList<>(messages.size());
    for (JsonNode message : messages) {
      Item item = process(message, deadline, keys, kinds);
      last = item.answer;
      answers.add(item.answer);
      if (item.answer.isSuccess()) {
        results.add(item.result);
      } else if (item.answer.kind().failsEvent()) {
        return Outcome.failed(item.answer, item.videoId, answers).of(kinds);
      } else {
        failures.add(item.failure);
      }
    }
    return Outcome.answered(answer, last, null, results.size(), failures.size(), answers).of(kinds);
  }

  /**
   * A batch answered one answer per message, in order: each message's response plus Context, or
   * its failure record. This is what an EventBridge Pipe's enrichment answers (the Pipe sends each
   * element to the target as one message). A batch over the cap is not answered at all but fails
   * the invocation, before any VOD call: an array of failure records would tell the senders of
   * valid messages that they failed for good, and the records stay on their queue (retried, then
   * dead-lettered) until the batch size is mended. A transient failure fails it too.
   */
  public Outcome processInOrder(List<JsonNode> messages, Deadline deadline, VodCredentials keys) {
    if (messages.size() > batchMaxMessages) return Outcome.failed(tooLarge(messages.size()), null, List.of());
    ArrayNode ordered = json.createArrayNode();
    Answer last = null;
    int results = 0;
    Set<String> kinds = new TreeSet<>();
    List<Answer> answers = new ArrayList<>(messages.size());
    for (JsonNode message : messages) {
      Item item = process(message, deadline, keys, kinds);
      last = item.answer;
      answers.add(item.answer);
      if (item.answer.isSuccess()) {
        ordered.add(item.result);
        results++;
      } else if (item.answer.kind().failsEvent()) {
        return Outcome.failed(item.answer, item.videoId, answers).of(kinds);
      } else {
        ordered.add(item.failure);
      }
    }
    return Outcome.answered(ordered, last, null, results, ordered.size() - results, answers).of(kinds);
  }

  private Answer tooLarge(int messages) {
    return Answer.error(ErrorKind.BATCH_TOO_LARGE, "A batch may hold at most " + batchMaxMessages
        + " messages; this one holds " + messages + ". None was processed: send them in smaller batches.");
  }

  /** @param kinds gets the kind the message asks for, where the operation has more than one */
  private Item process(JsonNode raw, Deadline deadline, VodCredentials keys, Set<String> kinds) {
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
    Parameters.Collector values = new Parameters.Collector(operation.parameterNames());
    Answer repeated = values.addFields(message, "Context");
    if (repeated != null) return Item.failed(repeated, null, context, json);
    Parameters parameters = values.parameters();
    videoId = parameters.get("VideoId");
    String kind = operation.loggedKind(parameters);
    if (kind != null) kinds.add(kind);
    // Events come only from the platform's own delivery: no caller token to check.
    Checked<VodCall> call = operation.check(parameters, Caller.anyone());
    Answer answer = call.isOk() ? client.call(call.value(), deadline, keys) : call.error();
    if (!answer.isSuccess()) return Item.failed(answer, videoId, context, json);
    if (videoId == null) videoId = answer.body().path("VideoId").asText(null); // created by the call
    ObjectNode result = answer.body().deepCopy();
    if (context != null && context.isObject()) result.set("Context", context);
    return new Item(answer, videoId, result, null);
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
    private final JsonNode answer;
    private final Answer lastAnswer;
    private final String videoId;
    private final int results;
    private final int failures;
    private final List<Answer> answers;
    private String kinds;

    private Outcome(JsonNode answer, Answer lastAnswer, String videoId, int results, int failures, List<Answer> answers) {
      this.answer = answer;
      this.lastAnswer = lastAnswer;
      this.videoId = videoId;
      this.results = results;
      this.failures = failures;
      this.answers = answers;
    }

    static Outcome answered(JsonNode answer, Answer last, String videoId, int results, int failures, List<Answer> answers) {
      return new Outcome(answer, last, videoId, results, failures, answers);
    }

    /** Records the kinds the messages asked for. */
    Outcome of(Set<String> asked) {
      this.kinds = asked.isEmpty() ? null : String.join(",", asked);
      return this;
    }

    /**
     * The kinds the messages asked for, comma-separated ({@code JWT,VOD} for a mixed batch), or
     * null where the operation has one kind only.
     */
    public String kinds() {
      return kinds;
    }

    static Outcome failed(Answer transientFailure, String videoId, List<Answer> answers) {
      return new Outcome(null, transientFailure, videoId, 0, 1, answers);
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
    public JsonNode answer() {
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

    Item(Answer answer, String videoId, ObjectNode result, ObjectNode failure) {
      this.answer = answer;
      this.videoId = videoId;
      this.result = result;
      this.failure = failure;
    }

    static Item failed(Answer answer, String videoId, JsonNode context, ObjectMapper json) {
      ObjectNode failure = json.createObjectNode();
      failure.put("VideoId", videoId);
      ErrorBody.writeTo(failure, answer.vodRequestId(), answer.code(), answer.message());
      if (context != null && context.isObject()) failure.set("Context", context);
      return new Item(answer, videoId, null, failure);
    }
  }
}
