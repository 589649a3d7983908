package dev.vodauth.fc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a queue or topic message body that may or may not be Base64. Whether it is depends on the
 * trigger's {@code IsBase64Decode} (MNS queue via EventBridge) or on the publisher, not on
 * anything in the event, so the body decides:
 *
 * <ol>
 *   <li>text that parses as a JSON object is the message as it stands (JSON always starts with
 *       a character outside the Base64 alphabet, so it cannot be mistaken for Base64);
 *   <li>otherwise text that is strict Base64 of UTF-8 bytes which parse as a JSON object is the
 *       decoded message;
 *   <li>anything else is passed on as text, and the shared core answers it as a malformed message
 *       (a failure record, not a retry).
 * </ol>
 *
 * <p>A body longer than {@link #MAX_BODY_BYTES} is not read at all: it is answered as a malformed
 * message too, and neither its VideoId nor its Context is echoed. The bound keeps FC's
 * asynchronous destination record (the request payload, i.e. the whole batch, plus the answer,
 * i.e. every credential and every Context) under the 64 KB an MNS message can carry; see
 * {@code DestinationSizeTest} and the functions/aliyun-fc README.
 */
final class MessageBodies {
  /** The largest upload-retry message body read, in UTF-8 bytes as delivered (Base64 included). */
  static final int MAX_BODY_BYTES = 512;

  private MessageBodies() {}

  static JsonNode read(JsonNode body, ObjectMapper json) {
    if (body == null || !body.isTextual()) return body;
    // Measured as delivered, whitespace included: that is what the destination's request payload carries.
    int bytes = body.asText().getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_BODY_BYTES) {
      // Not JSON, so the core answers it as a malformed message without echoing anything of it.
      return TextNode.valueOf("(a message body of " + bytes + " bytes, over the limit of " + MAX_BODY_BYTES + ")");
    }
    String text = body.asText().trim();
    JsonNode plain = parseObject(text, json);
    if (plain != null) return plain;
    String decoded = decodeBase64(text);
    JsonNode fromBase64 = decoded == null ? null : parseObject(decoded, json);
    return fromBase64 != null ? fromBase64 : body;
  }

  private static JsonNode parseObject(String text, ObjectMapper json) {
    if (!text.startsWith("{")) return null;
    try {
      JsonNode node = json.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String decodeBase64(String text) {
    if (text.isEmpty()) return null;
    try {
      byte[] bytes = Base64.getDecoder().decode(text);
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString()
          .trim();
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return null;
    }
  }
}
