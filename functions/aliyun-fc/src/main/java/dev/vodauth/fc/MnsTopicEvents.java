package dev.vodauth.fc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What an {@code mns_topic} trigger delivers. {@code notifyContentFormat: JSON} wraps the message
 * in {@code Message} beside {@code TopicName}, {@code MessageId}, ...; {@code STREAM} sends the
 * message as it stands, or {@code {"body", "attrs"}} when the message has attributes.
 * https://www.alibabacloud.com/help/doc-detail/97022.htm
 */
final class MnsTopicEvents {
  private MnsTopicEvents() {}

  static boolean isTopicNotification(JsonNode event) {
    if (event == null || !event.isObject()) return false;
    boolean json = event.path("TopicName").isTextual() && event.has("Message") && event.has("MessageId");
    boolean streamWithAttributes = event.size() == 2 && event.path("attrs").isObject() && event.path("body").isTextual();
    return json || streamWithAttributes;
  }

  /** @param maxBytes the core's message bound: a longer text body is left as delivered */
  static JsonNode message(JsonNode event, ObjectMapper json, int maxBytes) {
    JsonNode body = event.has("Message") ? event.get("Message") : event.get("body");
    return MessageBodies.read(body, json, maxBytes);
  }
}
