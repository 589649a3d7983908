package dev.vodauth.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response as every platform can send it: status, headers, a UTF-8 text body. */
public final class HttpResponse {
  private final int status;
  private final Map<String, String> headers;
  private final String body;

  private HttpResponse(int status, Map<String, String> headers, String body) {
    this.status = status;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.body = body;
  }

  public static HttpResponse of(int status, Map<String, String> headers, String body) {
    if (status < 100 || status > 599) throw new IllegalArgumentException("status: " + status);
    return new HttpResponse(status, headers, body == null ? "" : body);
  }

  public int status() {
    return status;
  }

  /** Headers in the order they were set; names as written here (canonical case). */
  public Map<String, String> headers() {
    return headers;
  }

  public String header(String name) {
    for (Map.Entry<String, String> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) return e.getValue();
    }
    return null;
  }

  /** The body, never null; empty for a preflight answer. */
  public String body() {
    return body;
  }

  @Override
  public String toString() {
    return "HttpResponse{" + status + "}"; // the body may hold a PlayAuth or an UploadAuth
  }
}
