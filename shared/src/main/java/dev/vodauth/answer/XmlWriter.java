package dev.vodauth.answer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** Writes a JSON tree as the API's XML form: objects become nested elements, arrays repeat them. */
final class XmlWriter {
  private XmlWriter() {}

  static String document(String root, JsonNode tree) {
    StringBuilder out = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    element(out, root, tree);
    return out.toString();
  }

  private static void element(StringBuilder out, String name, JsonNode value) {
    if (value.isArray()) {
      for (JsonNode item : value) element(out, name, item);
      return;
    }
    out.append('<').append(name).append('>');
    if (value.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        element(out, field.getKey(), field.getValue());
      }
    } else if (!value.isNull()) {
      escape(out, value.asText());
    }
    out.append("</").append(name).append('>');
  }

  private static void escape(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&apos;"); break;
        default:
          // XML 1.0 has no way to write most control characters: they are dropped.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') out.append(c);
      }
    }
  }
}
