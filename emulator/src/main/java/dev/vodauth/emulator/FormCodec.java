package dev.vodauth.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Decodes query strings and form bodies leniently: a bad escape is kept as text, never an exception. */
final class FormCodec {
  private FormCodec() {}

  /** Decodes {@code a=1&b=2} into the map; later names replace earlier ones, as VOD's gateway keeps one value. */
  static void decodeInto(String encoded, Map<String, String> into) {
    int start = 0;
    int length = encoded.length();
    while (start < length) {
      int end = encoded.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      if (end > start) {
        int eq = encoded.indexOf('=', start);
        String name;
        String value;
        if (eq < 0 || eq > end) {
          name = decode(encoded, start, end);
          value = "";
        } else {
          name = decode(encoded, start, eq);
          value = decode(encoded, eq + 1, end);
        }
        if (!name.isEmpty()) {
          into.put(name, value);
        }
      }
      start = end + 1;
    }
  }

  /** Percent-decodes chars that each stand for one byte (Latin-1 text), then reads the bytes as UTF-8. */
  static String decode(String s, int from, int to) {
    boolean plain = true;
    for (int i = from; i < to && plain; i++) {
      char c = s.charAt(i);
      plain = c != '%' && c != '+' && c < 0x80;
    }
    if (plain) {
      return s.substring(from, to);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '+') {
        bytes.write(' ');
      } else if (c == '%' && hex(s, i + 1, to) >= 0 && hex(s, i + 2, to) >= 0) {
        bytes.write(hex(s, i + 1, to) * 16 + hex(s, i + 2, to));
        i += 2;
      } else {
        bytes.write(c & 0xff);
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  private static int hex(String s, int index, int to) {
    if (index >= to) {
      return -1;
    }
    return Character.digit(s.charAt(index), 16);
  }
}
