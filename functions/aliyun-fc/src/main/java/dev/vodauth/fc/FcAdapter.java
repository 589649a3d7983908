package dev.vodauth.fc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.aliyun.fc.runtime.Context;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.priming.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One function behind FC's stream handler: tells by the event's shape what invoked it, translates,
 * calls the shared core and writes the answer.
 *
 * <ul>
 *   <li>HTTP trigger event: answered with the full {@code statusCode/headers/isBase64Encoded/body}
 *       struct, whatever happens;
 *   <li>one CloudEvent or an array of them ({@code eventbridge}): one message or a batch;
 *   <li>an MNS topic notification ({@code mns_topic}): one message;
 *   <li>anything else: a direct invocation whose payload is the message (an array: a batch).
 * </ul>
 *
 * <p>A transient failure of an event ({@code EventFailureException}) propagates, so that FC fails
 * the invocation and its async retries and dead-letter destination take over. Thread-safe: its
 * fields are immutable and the core is built for concurrent use.
 */
final class FcAdapter {
  private static final byte[] PRIMING_HTTP_EVENT = resource("http-trigger-get.json");
  private static final byte[] PRIMING_CLOUDEVENT = resource("cloudevent.json");

  private final VodFunctions functions;
  private final VodFunction function;
  private final ObjectMapper json;
  private final FcInvocations invocations;
  private final String functionName;
  /** The core's EVENT_MESSAGE_MAX_BYTES: a longer body is passed on unread, for the core to refuse. */
  private final int messageMaxBytes;

  FcAdapter(VodFunctions functions, String functionName) {
    this.functions = functions;
    this.functionName = functionName;
    this.function = functions.function(functionName);
    this.json = functions.json();
    this.invocations = new FcInvocations(functions.config().invocationTimeoutMillis());
    this.messageMaxBytes = functions.config().eventMessageMaxBytes();
  }

  /**
   * FC's initializer: runs the whole request path once, this adapter's translation included,
   * against the shared core's stand-in of VOD on a loopback socket: no VOD call, no real key.
   */
  void initialize() {
    Priming.prime(functions, 1, twin -> {
      FcAdapter primer = new FcAdapter(twin, functionName);
      primer.handleQuietly(PRIMING_HTTP_EVENT);
      primer.handleQuietly(PRIMING_CLOUDEVENT);
    });
  }

  private void handleQuietly(byte[] event) {
    try {
      handle(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null); // no context: made-up keys
    } catch (IOException e) {
      throw new UncheckedIOException("priming failed", e);
    }
  }

  void handle(InputStream input, OutputStream output, Context context) throws IOException {
    JsonNode event = read(input);
    JsonNode answer;
    if (HttpTriggerEvents.isHttpTrigger(event)) {
      answer = HttpTriggerEvents.toResponse(
          function.handleHttp(HttpTriggerEvents.toRequest(event), invocations.of(context, FcInvocations.HTTP_TRIGGER)), json);
    } else if (event.isArray()) {
      String trigger = CloudEvents.isBatch(event) ? FcInvocations.EVENTBRIDGE : FcInvocations.DIRECT;
      answer = function.handleEventBatch(batch(event), invocations.of(context, trigger));
    } else if (CloudEvents.isCloudEvent(event)) {
      answer = function.handleEvent(CloudEvents.message(event, json, messageMaxBytes), invocations.of(context, FcInvocations.EVENTBRIDGE));
    } else if (MnsTopicEvents.isTopicNotification(event)) {
      answer = function.handleEvent(MnsTopicEvents.message(event, json, messageMaxBytes), invocations.of(context, FcInvocations.MNS_TOPIC));
    } else {
      answer = function.handleEvent(event, invocations.of(context, FcInvocations.DIRECT));
    }
    // FC owns the stream: write the answer and leave closing to the runtime.
    json.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(output, answer);
    output.flush();
  }

  private List<JsonNode> batch(JsonNode array) {
    List<JsonNode> messages = new ArrayList<>(array.size());
    for (JsonNode element : array) {
      messages.add(CloudEvents.isCloudEvent(element) ? CloudEvents.message(element, json, messageMaxBytes) : element);
    }
    return messages;
  }

  private static byte[] resource(String name) {
    try (InputStream in = FcAdapter.class.getResourceAsStream("/dev/vodauth/fc/priming/" + name)) {
      if (in == null) throw new IllegalStateException("missing priming resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The payload as JSON; a payload that is not JSON is a text message the core answers as malformed. */
  private JsonNode read(InputStream input) throws IOException {
    byte[] bytes = input.readAllBytes();
    if (bytes.length == 0) return NullNode.getInstance();
    try {
      JsonNode node = json.readTree(bytes);
      return node == null || node.isMissingNode() ? NullNode.getInstance() : node;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
  }
}
