package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small readers and writers of JSON event fields shared by the translators; null-tolerant, as events are. */
final class Wire {
  private Wire() {}

  /** An object of text values as a map; absent, null or non-text values are left out. */
  static Map<String, String> textMap(JsonNode object) {
    Map<String, String> map = new LinkedHashMap<>();
    if (!object.isObject()) return map;
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isValueNode() && !field.getValue().isNull()) {
        map.put(field.getKey(), field.getValue().asText());
      }
    }
    return map;
  }

  /** The text of a field, or null when it is absent or JSON null. */
  static String textOrNull(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }

  /**
   * The proxy response both payload versions accept: {@code statusCode}, single-value
   * {@code headers}, a text {@code body} and {@code isBase64Encoded: false} (bodies are UTF-8 text).
   */
  static ObjectNode proxyResponse(HttpResponse response, ObjectMapper json) {
    ObjectNode out = json.createObjectNode();
    out.put("statusCode", response.status());
    ObjectNode headers = out.putObject("headers");
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      headers.put(header.getKey(), header.getValue());
    }
    out.put("body", response.body());
    out.put("isBase64Encoded", false);
    return out;
  }
}
