package dev.vodauth.fc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The record FC sends to an asynchronous invocation's destination (MNS, EventBridge, FC,
 * RocketMQ), as Alibaba Cloud's "Result callback" page shows it:
 *
 * <pre>{ "timestamp": 1660120276975,
 *   "requestContext": { "requestId", "functionArn", "condition", "approximateInvokeCount" },
 *   "requestPayload": "&lt;the invocation's payload, as a string&gt;",
 *   "responseContext": { "statusCode", "functionError" },
 *   "responsePayload": "&lt;the function's answer, as a string&gt;" }</pre>
 *
 * The payloads are JSON held in JSON strings, so every quote and backslash in them is escaped once
 * more. FC does not say which JSON encoder it uses, so the size is taken as the larger of two:
 * Jackson's (shortest escapes, UTF-8 as is) and one that also escapes every non-ASCII character and
 * {@code < > &} as {@code \\uXXXX}, as Go's encoding/json and other HTML-safe encoders do.
 */
final class DestinationRecord {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  /** An encoder that escapes every non-ASCII character and {@code < > &} as {@code \\uXXXX}. */
  static final ObjectMapper ESCAPING = escapingMapper();

  private final ObjectNode record;

  private DestinationRecord(ObjectNode record) {
    this.record = record;
  }

  /** The record of an invocation that returned {@code response} (onSuccess), after retries. */
  static DestinationRecord success(String requestId, String functionArn, byte[] requestPayload, byte[] response) {
    return of(requestId, functionArn, "", requestPayload, 200, "", new String(response, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** The record of an invocation that kept failing (onFailure): no response, FC's error text. */
  static DestinationRecord failure(String requestId, String functionArn, byte[] requestPayload, String functionError) {
    return of(requestId, functionArn, "UnhandledInvocationError", requestPayload, 200, functionError, "");
  }

  private static DestinationRecord of(String requestId, String functionArn, String condition, byte[] requestPayload,
      int statusCode, String functionError, String responsePayload) {
    ObjectNode record = PLAIN.createObjectNode();
    record.put("timestamp", 1_764_625_000_000L);
    ObjectNode request = record.putObject("requestContext");
    request.put("requestId", requestId);
    request.put("functionArn", functionArn);
    request.put("condition", condition);
    request.put("approximateInvokeCount", 3);
    record.put("requestPayload", new String(requestPayload, java.nio.charset.StandardCharsets.UTF_8));
    ObjectNode response = record.putObject("responseContext");
    response.put("statusCode", statusCode);
    response.put("functionError", functionError);
    record.put("responsePayload", responsePayload);
    return new DestinationRecord(record);
  }

  ObjectNode json() {
    return record;
  }

  /** The record's size in bytes: the larger of the two encoders' UTF-8 output. */
  int bytes() {
    try {
      return Math.max(PLAIN.writeValueAsBytes(record).length, ESCAPING.writeValueAsBytes(record).length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectMapper escapingMapper() {
    ObjectMapper mapper = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    mapper.getFactory().setCharacterEscapes(new CharacterEscapes() {
      private final int[] escapes = htmlSafe();

      @Override
      public int[] getEscapeCodesForAscii() {
        return escapes;
      }

      @Override
      public SerializableString getEscapeSequence(int ch) {
        return null;
      }
    });
    mapper.getFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return mapper;
  }

  private static int[] htmlSafe() {
    int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
    escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
    escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
    escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
    return escapes;
  }
}
