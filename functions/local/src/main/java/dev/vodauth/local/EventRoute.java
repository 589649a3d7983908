package dev.vodauth.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpExchange;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.pipeline.EventFailureException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes a message of the event contract by POST (one JSON object, or an array for a batch) and
 * answers what the function returns; a transient failure, which a platform would retry, is a 503.
 */
final class EventRoute implements Route {
  static final String TRIGGER = "local-event";
  /** EventBridge's own limit on an event's size: a batch larger than one event could carry is refused. */
  static final int MAX_BODY_BYTES = 256 * 1024;

  private final VodFunction function;
  private final ObjectMapper json;
  private final long invocationTimeoutMillis;

  EventRoute(VodFunction function, ObjectMapper json, long invocationTimeoutMillis) {
    this.function = function;
    this.json = json;
    this.invocationTimeoutMillis = invocationTimeoutMillis;
  }

  @Override
  public void serve(HttpExchange exchange, String requestId) throws IOException {
    if (!exchange.getRequestMethod().equals("POST")) {
      Exchanges.sendError(exchange, json, 405, "MethodNotAllowed",
          "Method " + exchange.getRequestMethod() + " is not allowed: POST an event message.", requestId,
          Map.of("Allow", "POST"));
      return;
    }
    Exchanges.Body body = Exchanges.readBody(exchange, MAX_BODY_BYTES);
    if (body.oversized()) {
      Exchanges.sendError(exchange, json, 413, "PayloadTooLarge",
          "The event is larger than " + MAX_BODY_BYTES + " bytes.", requestId, Map.of());
      return;
    }
    Invocation invocation = Invocation.of(requestId, TRIGGER, invocationTimeoutMillis);
    ObjectNode answer;
    try {
      JsonNode message = parse(body.text());
      answer = message.isArray() ? function.handleEventBatch(elements(message), invocation)
          : function.handleEvent(message, invocation);
    } catch (EventFailureException e) {
      ObjectNode error = Exchanges.errorBody(json, requestId, e.code(), e.getMessage());
      error.put("Retryable", true);
      Exchanges.sendJson(exchange, 503, error, requestId, Map.of());
      return;
    }
    Exchanges.sendJson(exchange, 200, answer, requestId, Map.of());
  }

  /** The message as JSON; text that is not JSON goes to the core as text, which answers it as a failure record. */
  private JsonNode parse(String body) {
    try {
      JsonNode tree = json.readTree(body);
      return tree == null || tree.isMissingNode() ? TextNode.valueOf(body) : tree;
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(body);
    }
  }

  private static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> messages = new ArrayList<>(array.size());
    array.forEach(messages::add);
    return messages;
  }
}
