package dev.vodauth.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/** An answer body as ordered fields (text, numbers, nested bodies), rendered as VOD's JSON or XML. */
final class AnswerBody {
  private final String root;
  private final Map<String, Object> fields = new LinkedHashMap<>();

  private AnswerBody(String root) {
    this.root = root;
  }

  /** A body whose XML root element is this name (JSON ignores it). */
  static AnswerBody named(String root) {
    return new AnswerBody(root);
  }

  /** Adds a field; a null value is left out, as VOD leaves out fields it has no value for. */
  AnswerBody put(String name, Object value) {
    if (value != null) {
      fields.put(name, value);
    }
    return this;
  }

  /** A field's value, or null. */
  Object get(String name) {
    return fields.get(name);
  }

  String json() {
    StringBuilder out = new StringBuilder(256);
    appendJson(out);
    return out.toString();
  }

  private void appendJson(StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      appendJsonString(out, field.getKey());
      out.append(':');
      Object value = field.getValue();
      if (value instanceof AnswerBody) {
        ((AnswerBody) value).appendJson(out);
      } else if (value instanceof Number) {
        out.append(value);
      } else {
        appendJsonString(out, value.toString());
      }
    }
    out.append('}');
  }

  static void appendJsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        default:
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  String xml() {
    StringBuilder out = new StringBuilder(256);
    out.append("<?xml version='1.0' encoding='UTF-8'?>");
    appendXml(out, root);
    return out.toString();
  }

  private void appendXml(StringBuilder out, String element) {
    out.append('<').append(element).append('>');
    for (Map.Entry<String, Object> field : fields.entrySet()) {
      Object value = field.getValue();
      if (value instanceof AnswerBody) {
        ((AnswerBody) value).appendXml(out, field.getKey());
      } else {
        out.append('<').append(field.getKey()).append('>');
        appendXmlText(out, value.toString());
        out.append("</").append(field.getKey()).append('>');
      }
    }
    out.append("</").append(element).append('>');
  }

  private static void appendXmlText(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '&':
          out.append("&amp;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&apos;");
          break;
        default:
          // XML 1.0 cannot carry most control characters even escaped; dropping them keeps the document parseable.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            if (c != '\uFFFE' && c != '\uFFFF') {
              out.append(c);
            }
          }
      }
    }
  }
}
