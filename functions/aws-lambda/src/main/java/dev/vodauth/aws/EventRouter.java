package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tells by an event's shape what invoked the function, hands the translated request to the
 * shared core and writes the answer in that invoker's format. Thread-safe and stateless.
 *
 * <p>Shapes, in the order tried: payload 2.0 (function URL, HTTP API), payload 1.0 (REST API),
 * EventBridge and an EventBridge Pipe's batch of SQS records (when the function takes events),
 * an SQS event source mapping's batch (refused: it fails the invocation), and anything else as a
 * direct invocation with the bare message, or an array of messages as a batch.
 */
final class EventRouter {
  private final VodFunction function;
  private final ObjectMapper json;
  private final boolean takesEventBridge;

  EventRouter(VodFunction function, ObjectMapper json, boolean takesEventBridge) {
    this.function = Objects.requireNonNull(function, "function == null");
    this.json = Objects.requireNonNull(json, "json == null");
    this.takesEventBridge = takesEventBridge;
  }

  void route(InputStream input, OutputStream output, Context context) throws IOException {
    Objects.requireNonNull(context, "context == null");
    JsonNode answer = answer(read(input), context);
    output.write(json.writeValueAsBytes(answer));
  }

  private JsonNode answer(JsonNode event, Context context) {
    if (FunctionUrlEvents.matches(event)) {
      Invocation invocation = invocation(context, FunctionUrlEvents.trigger(event));
      return FunctionUrlEvents.response(function.handleHttp(FunctionUrlEvents.request(event), invocation), json);
    }
    if (RestApiEvents.matches(event)) {
      Invocation invocation = invocation(context, "apigw-rest");
      return RestApiEvents.response(function.handleHttp(RestApiEvents.request(event), invocation), json);
    }
    if (takesEventBridge && EventBridgeEvents.matches(event)) {
      // A transient failure throws EventFailureException: Lambda retries the async invocation
      // and finally sends it to the OnFailure destination.
      return function.handleEvent(EventBridgeEvents.message(event), invocation(context, "eventbridge"));
    }
    if (takesEventBridge && PipeEvents.matches(event)) {
      // One answer per record, in order: the Pipe sends each to the target as one message. A
      // batch over the cap or a transient failure throws EventFailureException: the whole batch
      // goes back to the source queue, which retries it and finally dead-letters it. Already
      // answered records of that batch are answered again then (a fresh credential; no harm).
      List<JsonNode> messages = new ArrayList<>(event.size());
      for (JsonNode record : event) messages.add(PipeEvents.message(record));
      return function.handleEventsInOrder(messages, invocation(context, "pipe-sqs"));
    }
    if (SqsEventSourceMappingEvents.matches(event)) {
      throw function.refuseEvent(SqsEventSourceMappingEvents.REFUSAL, invocation(context, "sqs"));
    }
    if (event.isArray()) {
      List<JsonNode> messages = new ArrayList<>(event.size());
      event.forEach(messages::add);
      return function.handleEventBatch(messages, invocation(context, "direct"));
    }
    // Any other shape is a direct message; one without a VideoId is answered its failure record.
    return function.handleEvent(event, invocation(context, "direct"));
  }

  private JsonNode read(InputStream input) throws IOException {
    byte[] bytes = input.readAllBytes();
    try {
      JsonNode event = json.readTree(bytes);
      return event == null ? json.missingNode() : event;
    } catch (com.fasterxml.jackson.core.JsonProcessingException notJson) {
      // The shared core answers malformed message text with a failure record.
      return TextNode.valueOf(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private static Invocation invocation(Context context, String trigger) {
    return Invocation.of(context.getAwsRequestId(), trigger, context.getRemainingTimeInMillis())
        .withTraceId(XRayTrace.traceId(context));
  }
}
