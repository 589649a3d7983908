package dev.vodauth.answer;

import java.util.Locale;

/** The body format a caller gets: JSON by default, the API's XML form on request. */
public enum ResponseFormat {
  JSON("application/json; charset=utf-8"),
  XML("application/xml; charset=utf-8");

  private final String contentType;

  ResponseFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /**
   * XML when {@code Format=XML} is sent, or no Format is sent and the caller's most preferred
   * type in Accept is {@code application/xml} or {@code text/xml}; JSON otherwise. A browser's
   * Accept ({@code text/html,...,application/xml;q=0.9,*}{@code /*;q=0.8}) prefers HTML, so it gets
   * JSON, not XML.
   *
   * @param format the Format parameter, or null; an unknown value counts as JSON
   */
  public static ResponseFormat choose(String format, String accept) {
    if (format != null && !format.isEmpty()) {
      return format.equalsIgnoreCase("XML") ? XML : JSON;
    }
    if (accept == null) return JSON;
    String preferred = null;
    double best = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].trim();
        if (parameter.startsWith("q=")) q = quality(parameter.substring(2));
      }
      if (q > best) { // the first of equally preferred types wins
        best = q;
        preferred = type;
      }
    }
    return "application/xml".equals(preferred) || "text/xml".equals(preferred) ? XML : JSON;
  }

  private static double quality(String value) {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
