package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import java.util.Map;

/**
 * Payload format 2.0, sent by Lambda function URLs and API Gateway HTTP APIs: the request in, the
 * {@code {statusCode, headers, body, isBase64Encoded}} response out.
 *
 * <p>Shapes: https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html and
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
final class FunctionUrlEvents {
  private FunctionUrlEvents() {}

  /** True for a payload 2.0 event: {@code version "2.0"} and {@code requestContext.http}. */
  static boolean matches(JsonNode event) {
    return "2.0".equals(event.path("version").asText(null)) && event.path("requestContext").path("http").isObject();
  }

  /** The trigger name for logs: a function URL's host is {@code <id>.lambda-url.<region>.on.aws}. */
  static String trigger(JsonNode event) {
    String domain = event.path("requestContext").path("domainName").asText("");
    return domain.contains(".lambda-url.") ? "function-url" : "apigw-http";
  }

  static HttpRequest request(JsonNode event) {
    HttpRequest.Builder request = builder(event);
    String rawQuery = event.path("rawQueryString").asText("");
    try {
      // The raw string keeps repeated names apart; queryStringParameters joins them with commas.
      request.rawQuery(rawQuery);
      return request.build();
    } catch (IllegalArgumentException malformedEscape) {
      // Lambda hands the query on as the client sent it; its own decoded map is the fallback.
      return builder(event).queryParameters(Wire.textMap(event.path("queryStringParameters"))).build();
    }
  }

  private static HttpRequest.Builder builder(JsonNode event) {
    // A method that is absent, null or not text stays unnamed: the core answers such an event 400.
    JsonNode method = event.path("requestContext").path("http").path("method");
    return HttpRequest.builder(method.isTextual() ? method.asText() : null)
        .headers(Wire.textMap(event.path("headers")))
        .body(Wire.textOrNull(event.path("body")), event.path("isBase64Encoded").asBoolean(false));
  }

  static ObjectNode response(HttpResponse response, ObjectMapper json) {
    return Wire.proxyResponse(response, json);
  }
}
