package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;

/**
 * A player's failed call is found from its answer: every HTTP answer of the real-format samples
 * carries {@code X-Request-Id}, which is Lambda's request ID for the invocation and the log line's
 * {@code requestId}.
 */
@Timeout(30)
class RequestIdTest {
  @RegisterExtension final Harness harness = Harness.onDemoCatalogue();

  @ParameterizedTest
  @ValueSource(strings = {"function_url_get.json", "function_url_iam_post.json", "apigw_http_v2_event.upstream.json",
      "apigw_rest_proxy_event.upstream.json"})
  void theAnswersRequestIdIsTheLogLinesRequestId(String sample) throws Exception {
    RequestStreamHandler handler = sample.contains("iam_post") ? harness.refreshUpload() : harness.playAuth();
    String requestId = "8476a536-e9f4-11e8-9739-2dfe598c3fcd-" + sample.length();

    JsonNode response = harness.json.readTree(Harness.invokeRaw(handler, Harness.read(Samples.file(sample)), requestId));

    assertTrue(response.path("statusCode").asInt() > 0, response.toString());
    assertEquals(requestId, response.path("headers").path("X-Request-Id").asText(), response.toString());
    JsonNode line = harness.json.readTree(harness.logLines.get(harness.logLines.size() - 1));
    assertEquals(requestId, line.path("requestId").asText());
  }
}
