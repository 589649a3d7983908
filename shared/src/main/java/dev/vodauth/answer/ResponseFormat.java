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
   * XML when {@code Format=XML} is sent, or no Format is sent and the Accept header prefers
   * {@code application/xml} (or {@code text/xml}); JSON otherwise.
   *
   * @param format the Format parameter, or null; an unknown value counts as JSON
   */
  public static ResponseFormat choose(String format, String accept) {
    if (format != null && !format.isEmpty()) {
      return format.equalsIgnoreCase("XML") ? XML : JSON;
    }
    if (accept == null) return JSON;
    String a = accept.toLowerCase(Locale.ROOT);
    boolean wantsXml = a.contains("application/xml") || a.contains("text/xml");
    boolean wantsJson = a.contains("application/json");
    if (wantsXml && wantsJson) return a.indexOf("xml") < a.indexOf("json") ? XML : JSON;
    return wantsXml ? XML : JSON;
  }
}
