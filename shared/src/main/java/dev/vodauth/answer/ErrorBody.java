package dev.vodauth.answer;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one writer of error bodies, VOD's own shape: {@code {"RequestId", "Code", "Message"}}. The
 * functions' errors, an event's failure record, the local runner's answers before any function
 * runs (404, 405, 408, 501, unparseable HTTP) all come from here.
 */
public final class ErrorBody {
  private ErrorBody() {}

  /** An error body; {@code requestId} is left out when null. */
  public static ObjectNode of(String requestId, String code, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    writeTo(body, requestId, code, message);
    return body;
  }

  /** Writes the error members into {@code target} (a failure record that holds more); null RequestId left out. */
  public static void writeTo(ObjectNode target, String requestId, String code, String message) {
    if (requestId != null) target.put("RequestId", requestId);
    target.put("Code", code);
    target.put("Message", message);
  }
}
