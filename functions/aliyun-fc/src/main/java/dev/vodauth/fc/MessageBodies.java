package dev.vodauth.fc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * <p>A body longer than the core's {@code EVENT_MESSAGE_MAX_BYTES} is not read at all: it is passed on
 * as delivered (Base64 included), so that the core measures what the platform carries and refuses
 * it ({@code MessageTooLarge}) without echoing its VideoId or Context. s.yaml sets 512 on FC: the
 * bound that keeps FC's asynchronous destination record (the request payload, i.e. the whole
 * batch, plus the answer, i.e. every credential and every Context) under the 64 KB an MNS message
 * can carry; see {@code DestinationSizeTest} and the functions/aliyun-fc README.
 */
final class MessageBodies {
  private MessageBodies() {}

  /** @param maxBytes the core's message bound: a longer text is left for the core to refuse */
  static JsonNode read(JsonNode body, ObjectMapper json, int maxBytes) {
    if (body == null || !body.isTextual()) return body;
    // Measured as delivered, whitespace included: that is what the destination's request payload carries.
    if (body.asText().getBytes(StandardCharsets.UTF_8).length > maxBytes) return body;
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
