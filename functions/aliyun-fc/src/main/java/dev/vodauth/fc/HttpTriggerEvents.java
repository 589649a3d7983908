package dev.vodauth.fc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;

/**
 * The FC 3.0 HTTP trigger's event (built-in runtimes, {@code version: v1}) and the struct a
 * handler answers it with. Headers and query parameters arrive as maps of strings, a repeated
 * name comma-joined; {@code rawPath} is URL-encoded (unused: each function has its own trigger);
 * the body may be Base64. Unknown fields are ignored, and a wrongly typed field is read leniently
 * so that the shared core answers a 4xx rather than the adapter failing.
 * https://www.alibabacloud.com/help/en/functioncompute/fc-3-0/user-guide/http-trigger-invoking-function
 */
final class HttpTriggerEvents {
  private HttpTriggerEvents() {}

  /** True for an HTTP trigger event: a request context naming the method, and the v1 marks. */
  static boolean isHttpTrigger(JsonNode event) {
    return event != null && event.isObject()
        && event.path("requestContext").path("http").path("method").isTextual()
        && (event.has("rawPath") || "v1".equals(event.path("version").asText(null)));
  }

  static HttpRequest toRequest(JsonNode event) {
    HttpRequest.Builder request = HttpRequest.builder(event.path("requestContext").path("http").path("method").asText());
    for (Iterator<Map.Entry<String, JsonNode>> it = event.path("headers").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> header = it.next();
      if (header.getValue().isValueNode()) request.header(header.getKey(), header.getValue().asText());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = event.path("queryParameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      if (!parameter.getValue().isValueNode()) continue;
      // FC joins a repeated parameter's values with commas. No parameter of ours can hold a comma
      // (IDs, numbers, Format, Action), so splitting gives the core every value to check.
      for (String value : parameter.getValue().asText().split(",", -1)) {
        request.queryParameter(parameter.getKey(), value);
      }
    }
    JsonNode body = event.path("body");
    String text = body.isMissingNode() || body.isNull() ? null : body.isTextual() ? body.asText() : body.toString();
    return request.body(text, event.path("isBase64Encoded").asBoolean(false)).build();
  }

  /** The struct FC turns into the HTTP response: always every field, the body as UTF-8 text. */
  static ObjectNode toResponse(HttpResponse response, ObjectMapper json) {
    ObjectNode struct = json.createObjectNode();
    struct.put("statusCode", response.status());
    ObjectNode headers = struct.putObject("headers");
    response.headers().forEach(headers::put);
    struct.put("isBase64Encoded", false);
    struct.put("body", response.body());
    return struct;
  }
}
