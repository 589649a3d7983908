package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.emulator.DemoCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Events at the edges of their shapes: no method, the upstream samples with repeated unknown parameters, a batch over the cap. */
@Timeout(30)
class PayloadEdgeCasesTest {
  private static final String PLAYABLE = DemoCatalogue.PLAYABLE;

  @RegisterExtension final Harness harness = Harness.onDemoCatalogue();

  // 1. A payload 2.0 event without requestContext.http.method threw NullPointerException.

  @Test
  void payloadTwoWithoutAMethodIsAnswered400ByBothHandlers() {
    List<String> events = List.of(
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":null}},\"rawQueryString\":\"VideoId=" + PLAYABLE + "\"}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":17}}}",
        "{\"version\":\"2.0\",\"requestContext\":{\"http\":{\"method\":\"\"}}}");
    for (RequestStreamHandler handler : List.of(harness.playAuth(), harness.refreshUpload())) {
      for (String event : events) {
        JsonNode answer = harness.invoke(handler, event.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, answer.path("statusCode").asInt(), event + " -> " + answer);
        JsonNode body = harness.body(answer);
        assertEquals("InvalidParameter", body.path("Code").asText(), answer.toString());
        assertEquals("no-store", answer.path("headers").path("Cache-Control").asText());
      }
    }
    assertEquals(0, harness.emulator.requestCount());
  }

  @Test
  void payloadOneWithABlankMethodIsAnswered400() {
    JsonNode answer = harness.invoke(harness.playAuth(),
        "{\"httpMethod\":\"\",\"multiValueHeaders\":null,\"multiValueQueryStringParameters\":null}".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, answer.path("statusCode").asInt(), answer.toString());
  }

  // 3. Unknown parameters repeated were refused: both upstream API Gateway samples, given a VideoId.

  @Test
  void upstreamHttpApiSampleWithAVideoIdAnswers200() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Samples.file("apigw_http_v2_event.upstream.json").toFile());
    event.put("rawQueryString", event.path("rawQueryString").asText() + "&VideoId=" + PLAYABLE);
    ((ObjectNode) event.path("requestContext").path("http")).put("method", "GET");

    JsonNode answer = harness.invoke(harness.playAuth(), harness.json.writeValueAsBytes(event));

    assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
    assertTrue(harness.body(answer).path("PlayAuth").isTextual());
  }

  @Test
  void upstreamHttpApiSampleAsItIsPostedWithAVideoIdAnswers200() throws Exception {
    // As sent: a POST whose body is plain text that is not a form of ours; the query holds parameter1 twice.
    ObjectNode event = (ObjectNode) harness.json.readTree(Samples.file("apigw_http_v2_event.upstream.json").toFile());
    event.put("rawQueryString", event.path("rawQueryString").asText() + "&VideoId=" + PLAYABLE);

    JsonNode answer = harness.invoke(harness.playAuth(), harness.json.writeValueAsBytes(event));

    assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
  }

  @Test
  void upstreamRestApiSampleWithAVideoIdAnswers200() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Samples.file("apigw_rest_proxy_event.upstream.json").toFile());
    ((ObjectNode) event.path("multiValueQueryStringParameters")).putArray("VideoId").add(PLAYABLE);
    ((ObjectNode) event.path("queryStringParameters")).put("VideoId", PLAYABLE);

    JsonNode answer = harness.invoke(harness.playAuth(), harness.json.writeValueAsBytes(event));

    assertEquals(200, answer.path("statusCode").asInt(), answer.toString());
    assertTrue(harness.body(answer).path("PlayAuth").isTextual());
  }

  // 7. The batch cap holds for a direct invocation.

  @Test
  void directBatchOverTheCapIsOneFailureRecordAndNoVodCall() {
    ArrayNode batch = harness.json.createArrayNode();
    for (int i = 0; i < 11; i++) batch.addObject().put("VideoId", DemoCatalogue.NOT_YET_PLAYABLE);

    JsonNode answer = harness.invoke(harness.refreshUpload(), batch.toString().getBytes(StandardCharsets.UTF_8));

    assertEquals("BatchTooLarge", answer.path("Failures").get(0).path("Code").asText(), answer.toString());
    assertEquals(0, harness.emulator.requestCount());
  }
}
