package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * EventBridge events, delivered by a rule as an asynchronous invocation: the upload-retry
 * message is the event's {@code detail}.
 *
 * <p>Shape: https://docs.aws.amazon.com/eventbridge/latest/ref/overiew-event-structure.html
 */
final class EventBridgeEvents {
  private EventBridgeEvents() {}

  /** True for an EventBridge envelope: {@code detail-type}, {@code source} and {@code detail}. */
  static boolean matches(JsonNode event) {
    return event.path("detail-type").isTextual() && event.path("source").isTextual() && event.has("detail");
  }

  /** The message the pipeline sent: {@code {"VideoId": "...", "Context": {...}}}. */
  static JsonNode message(JsonNode event) {
    return event.get("detail");
  }
}
