package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;

/**
 * Payload format 1.0, sent by API Gateway REST API proxy integrations: multi-value headers and
 * query strings in, {@code {statusCode, headers, body, isBase64Encoded}} out.
 *
 * <p>Shape: https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html
 */
final class RestApiEvents {
  private RestApiEvents() {}

  /** True for a payload 1.0 event: {@code httpMethod} with the multi-value maps (null when empty). */
  static boolean matches(JsonNode event) {
    return event.path("httpMethod").isTextual()
        && (event.has("multiValueHeaders") || event.has("multiValueQueryStringParameters"));
  }

  static HttpRequest request(JsonNode event) {
    HttpRequest.Builder request = HttpRequest.builder(event.path("httpMethod").asText());
    // The multi-value maps hold every value; the single-value maps only the last one of each name.
    if (event.path("multiValueHeaders").isObject()) {
      forEachValue(event.path("multiValueHeaders"), request::header);
    } else {
      request.headers(Wire.textMap(event.path("headers")));
    }
    if (event.path("multiValueQueryStringParameters").isObject()) {
      forEachValue(event.path("multiValueQueryStringParameters"), request::queryParameter);
    } else {
      request.queryParameters(Wire.textMap(event.path("queryStringParameters")));
    }
    return request.body(Wire.textOrNull(event.path("body")), event.path("isBase64Encoded").asBoolean(false)).build();
  }

  static ObjectNode response(HttpResponse response, ObjectMapper json) {
    return Wire.proxyResponse(response, json);
  }

  private interface ValueSink {
    void accept(String name, String value);
  }

  private static void forEachValue(JsonNode multiValueMap, ValueSink sink) {
    for (Iterator<Map.Entry<String, JsonNode>> it = multiValueMap.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      for (JsonNode value : field.getValue()) {
        if (value.isValueNode() && !value.isNull()) sink.accept(field.getKey(), value.asText());
      }
    }
  }
}
