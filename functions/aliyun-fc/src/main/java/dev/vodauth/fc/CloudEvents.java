package dev.vodauth.fc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * What an {@code eventbridge} trigger delivers: CloudEvents 1.0, one object or (batch push) a
 * JSON array of them. From an MNS queue the message is {@code data.messageBody}
 * (type {@code mns:Queue:SendMessage}); from a custom event source it is {@code data} itself.
 * https://www.alibabacloud.com/help/en/functioncompute/fc/mns-queue-triggers
 */
final class CloudEvents {
  private CloudEvents() {}

  /** True for an object carrying CloudEvents' required context attributes. */
  static boolean isCloudEvent(JsonNode event) {
    return event != null && event.isObject() && event.path("specversion").isTextual()
        && (event.path("type").isTextual() || event.path("source").isTextual());
  }

  /** True for a non-empty array of CloudEvents (an empty array is a direct batch of nothing). */
  static boolean isBatch(JsonNode event) {
    if (event == null || !event.isArray() || event.size() == 0) return false;
    for (JsonNode element : event) {
      if (!isCloudEvent(element)) return false;
    }
    return true;
  }

  /**
   * The contract message one CloudEvent carries, or null (NullNode) when it carries none; a text
   * body over {@code maxBytes} is left as delivered (see {@link MessageBodies}).
   */
  static JsonNode message(JsonNode event, ObjectMapper json, int maxBytes) {
    JsonNode data = event.get("data");
    if (data == null || data.isNull()) return NullNode.getInstance();
    if (isMnsQueueMessage(event, data)) return MessageBodies.read(data.get("messageBody"), json, maxBytes);
    return data.isTextual() ? MessageBodies.read(data, json, maxBytes) : data;
  }

  private static boolean isMnsQueueMessage(JsonNode event, JsonNode data) {
    return data.isObject() && data.has("messageBody")
        && (event.path("type").asText("").startsWith("mns:Queue:") || data.has("messageId"));
  }
}
