package dev.vodauth.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.vodauth.answer.ErrorBody;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.pipeline.EventFailureException;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
  public VodFunction function() {
    return function;
  }

  @Override
  public int maxBodyBytes() {
    return MAX_BODY_BYTES;
  }

  @Override
  public HttpResponse serve(HttpServerExchange exchange, String body, String requestId) {
    String origin = exchange.getRequestHeaders().getFirst("Origin");
    if (!exchange.getRequestMethod().equals(Methods.POST)) {
      HttpResponse refused = function.errorResponse(405, "MethodNotAllowed",
          "Method " + exchange.getRequestMethod() + " is not allowed: POST an event message.", requestId, origin);
      Map<String, String> headers = new LinkedHashMap<>(refused.headers());
      headers.put("Allow", "POST");
      return HttpResponse.of(405, headers, refused.body());
    }
    Invocation invocation = Invocation.of(requestId, TRIGGER, invocationTimeoutMillis);
    ObjectNode answer;
    try {
      JsonNode message = parse(body);
      answer = message.isArray() ? function.handleEventBatch(elements(message), invocation)
          : function.handleEvent(message, invocation);
    } catch (EventFailureException e) {
      ObjectNode error = ErrorBody.of(requestId, e.code(), e.getMessage()).put("Retryable", true);
      return jsonAnswer(503, error);
    }
    return jsonAnswer(200, answer);
  }

  private static HttpResponse jsonAnswer(int status, ObjectNode body) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    // Event answers carry upload credentials.
    headers.put("Cache-Control", "no-store");
    return HttpResponse.of(status, headers, body.toString());
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
