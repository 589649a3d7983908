package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.ROLE_KEY_ID;
import static dev.vodauth.fc.FcHarness.ROLE_TOKEN;
import static dev.vodauth.fc.FcHarness.SAMPLE_VIDEO;
import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.FcHarness.roleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.emulator.RecordedVodRequest;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HTTP trigger events of our own (GET, POST JSON, form, Base64, OPTIONS, bad input) through both handlers. */
@Timeout(30)
class HttpTriggerHandlingTest {
  @RegisterExtension final FcHarness fc = FcHarness.fixture();

  private StreamRequestHandler handler(String function) {
    return function.equals("play-auth") ? fc.playAuth : fc.refreshUpload;
  }

  private static String credentialField(String function) {
    return function.equals("play-auth") ? "PlayAuth" : "UploadAuth";
  }

  static Stream<Arguments> successes() {
    return Stream.of("http-get.json", "http-post-json.json", "http-post-form.json", "http-post-base64.json")
        .flatMap(event -> Stream.of(Arguments.of("play-auth", event), Arguments.of("refresh-upload", event)));
  }

  @ParameterizedTest(name = "{0} answers {1} with the full 200 struct")
  @MethodSource("successes")
  void answersEachRequestShapeWithTheFullStruct(String function, String event) throws Exception {
    JsonNode response = fc.invoke(handler(function), fixture(event), roleContext("req-" + event));

    assertStruct(response, 200);
    assertEquals("application/json; charset=utf-8", response.path("headers").path("Content-Type").asText());
    assertEquals("no-store", response.path("headers").path("Cache-Control").asText());
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertTrue(body.path(credentialField(function)).isTextual(), body::toString);
    assertTrue(body.path("RequestId").isTextual());
    RecordedVodRequest call = fc.emulator.takeRequest(1, TimeUnit.SECONDS);
    assertNotNull(call, "VOD was called");
    assertEquals(SAMPLE_VIDEO, call.parameter("VideoId"));
    assertTrue(call.signatureValid());
    assertEquals(ROLE_KEY_ID, call.accessKeyId());
    assertEquals(ROLE_TOKEN, call.securityToken());
  }

  @ParameterizedTest(name = "{0}: the GET's AuthInfoTimeout and a lower-case videoId reach VOD")
  @ValueSource(strings = {"play-auth"})
  void passesQueryParametersToVod(String function) throws Exception {
    JsonNode response = fc.invoke(handler(function), fixture("http-get.json"), roleContext("req-get"));

    assertStruct(response, 200);
    assertEquals("https://player.example.com", response.path("headers").path("Access-Control-Allow-Origin").asText());
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertEquals("阿里云VOD", body.path("VideoMeta").path("Title").asText());
    RecordedVodRequest call = fc.emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("1800", call.parameter("AuthInfoTimeout"));
  }

  @ParameterizedTest(name = "{0} answers XML when Format=XML")
  @ValueSource(strings = {"play-auth", "refresh-upload"})
  void answersXmlWhenAsked(String function) throws Exception {
    JsonNode response = fc.invoke(handler(function), fixture("http-get-xml.json"), roleContext("req-xml"));

    assertStruct(response, 200);
    assertEquals("application/xml; charset=utf-8", response.path("headers").path("Content-Type").asText());
    assertTrue(response.path("body").asText().contains("<" + credentialField(function) + ">"));
  }

  @ParameterizedTest(name = "{0} answers a CORS preflight with 204 and no VOD call")
  @ValueSource(strings = {"play-auth", "refresh-upload"})
  void answersPreflight(String function) throws Exception {
    JsonNode response = fc.invoke(handler(function), fixture("http-options.json"), roleContext("req-options"));

    assertStruct(response, 204);
    assertEquals("no-store", response.path("headers").path("Cache-Control").asText());
    assertEquals("", response.path("body").asText());
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void playAuthPreflightAllowsTheFixedHeaders() throws Exception {
    JsonNode headers = fc.invoke(fc.playAuth, fixture("http-options.json"), roleContext("req-options")).path("headers");

    assertEquals("https://player.example.com", headers.path("Access-Control-Allow-Origin").asText());
    assertEquals("GET, POST, OPTIONS", headers.path("Access-Control-Allow-Methods").asText());
    assertEquals("Authorization, Content-Type", headers.path("Access-Control-Allow-Headers").asText());
    assertEquals("X-Request-Id, Retry-After, WWW-Authenticate", headers.path("Access-Control-Expose-Headers").asText());
  }

  @Test
  void refreshUploadAnswersNoCorsWithoutTokens() throws Exception {
    JsonNode headers = fc.invoke(fc.refreshUpload, fixture("http-options.json"), roleContext("req-options")).path("headers");

    assertFalse(headers.has("Access-Control-Allow-Origin"), headers.toString());
  }

  static Stream<Arguments> badInput() {
    List<Arguments> cases = List.of(
        Arguments.of("http-get-missing-videoid.json", 400, "MissingParameter"),
        Arguments.of("http-get-repeated-videoid.json", 400, "InvalidParameter"),
        Arguments.of("http-delete.json", 405, "MethodNotAllowed"),
        Arguments.of("http-post-malformed-json.json", 400, "InvalidParameter"),
        Arguments.of("http-post-bad-base64.json", 400, "InvalidParameter"),
        Arguments.of("http-post-xml-body.json", 415, "UnsupportedMediaType"),
        Arguments.of("http-post-too-large.json", 413, "PayloadTooLarge"));
    return Stream.concat(
        cases.stream().map(a -> Arguments.of("play-auth", a.get()[0], a.get()[1], a.get()[2])),
        Stream.concat(
            cases.stream().map(a -> Arguments.of("refresh-upload", a.get()[0], a.get()[1], a.get()[2])),
            Stream.of(Arguments.of("play-auth", "http-get-timeout-out-of-range.json", 400, "InvalidParameter"))));
  }

  @ParameterizedTest(name = "{0} answers {1} with {2} {3}")
  @MethodSource("badInput")
  void answersBadInputWith4xxStructAndNoVodCall(String function, String event, int status, String code) throws Exception {
    JsonNode response = fc.invoke(handler(function), fixture(event), roleContext("req-bad"));

    assertStruct(response, status);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertEquals(code, body.path("Code").asText(), body::toString);
    assertEquals("req-bad", body.path("RequestId").asText());
    assertFalse(body.path("Message").asText().isEmpty());
    assertFalse(response.toString().contains("Exception"), "no stack trace: " + response);
    assertFalse(response.toString().contains("\tat "), "no stack trace: " + response);
    assertEquals(0, fc.emulator.requestCount());
    if (status == 405) assertEquals("GET, POST, OPTIONS", response.path("headers").path("Allow").asText());
  }

  /** The struct FC turns into the response: exactly these four fields, body as text. */
  static void assertStruct(JsonNode response, int status) {
    assertEquals(status, response.path("statusCode").asInt(), response::toString);
    assertTrue(response.path("statusCode").isInt());
    assertTrue(response.path("headers").isObject());
    for (Iterator<JsonNode> values = response.path("headers").elements(); values.hasNext(); ) {
      assertTrue(values.next().isTextual(), "header values are strings");
    }
    assertTrue(response.path("isBase64Encoded").isBoolean());
    assertFalse(response.path("isBase64Encoded").asBoolean());
    assertTrue(response.path("body").isTextual());
    assertEquals(4, response.size(), response::toString);
  }
}
