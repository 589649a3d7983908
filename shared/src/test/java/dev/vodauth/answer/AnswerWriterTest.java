package dev.vodauth.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From an Answer to the caller's HTTP response: status, headers, challenge and body, JSON or XML. */
class AnswerWriterTest {
  private static final String PLAYER = "https://player.example.com";
  private final ObjectMapper json = new ObjectMapper();
  private final AnswerWriter writer = new AnswerWriter(json, new Cors(List.of(PLAYER)));

  private HttpResponse write(Answer answer, ResponseFormat format, String origin) {
    return writer.write("GetVideoPlayAuthResponse", answer, format, "fc-req-1", origin, 7);
  }

  private JsonNode body(HttpResponse response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void aSuccessIsVodsBodyAsJsonNeverCachedAndNamesTheRequest() throws Exception {
    ObjectNode vod = json.createObjectNode().put("RequestId", "vod-req-9").put("PlayAuth", "pa");

    HttpResponse response = write(Answer.success(vod), ResponseFormat.JSON, null);

    assertEquals(200, response.status());
    assertEquals(vod, body(response));
    assertEquals("application/json; charset=utf-8", response.header("Content-Type"));
    assertEquals("no-store", response.header("Cache-Control"));
    assertEquals("fc-req-1", response.header("X-Request-Id"));
    assertNull(response.header("Access-Control-Allow-Origin"));
  }

  @Test
  void aSuccessInXmlIsRootedAtTheActionsResponseElement() {
    ObjectNode vod = json.createObjectNode().put("RequestId", "vod-req-9").put("PlayAuth", "pa");

    HttpResponse response = write(Answer.success(vod), ResponseFormat.XML, null);

    assertEquals("application/xml; charset=utf-8", response.header("Content-Type"));
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><GetVideoPlayAuthResponse><RequestId>vod-req-9</RequestId>"
        + "<PlayAuth>pa</PlayAuth></GetVideoPlayAuthResponse>", response.body());
  }

  @Test
  void anOwnErrorNamesThePlatformsRequestIdAndInXmlIsRootedAtError() throws Exception {
    Answer answer = Answer.error(ErrorKind.MISSING_PARAMETER, "VideoId is required.");

    HttpResponse asJson = write(answer, ResponseFormat.JSON, null);
    HttpResponse asXml = write(answer, ResponseFormat.XML, null);

    assertEquals(400, asJson.status());
    assertEquals(json.readTree("{\"RequestId\":\"fc-req-1\",\"Code\":\"MissingParameter\",\"Message\":\"VideoId is required.\"}"),
        body(asJson));
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>fc-req-1</RequestId><Code>MissingParameter</Code>"
        + "<Message>VideoId is required.</Message></Error>", asXml.body());
  }

  @Test
  void anErrorVodAnsweredNamesVodsRequestIdAndCode() throws Exception {
    Answer answer = Answer.vodError(ErrorKind.VIDEO_NOT_FOUND, "InvalidVideo.NotFound", "The video does not exist.", "vod-req-4");

    JsonNode body = body(write(answer, ResponseFormat.JSON, null));

    assertEquals("vod-req-4", body.path("RequestId").asText());
    assertEquals("InvalidVideo.NotFound", body.path("Code").asText());
  }

  @Test
  void throttledAnswersCarryTheGivenRetryAfterAndTokenKeysUnavailableItsOwn() {
    assertEquals("7", write(Answer.error(ErrorKind.THROTTLED, "slow down"), ResponseFormat.JSON, null).header("Retry-After"));
    assertEquals(Long.toString(AnswerWriter.TOKEN_KEYS_RETRY_AFTER_SECONDS),
        write(Answer.error(ErrorKind.TOKEN_KEYS_UNAVAILABLE, "keys"), ResponseFormat.JSON, null).header("Retry-After"));
    assertNull(write(Answer.error(ErrorKind.VOD_SERVER_ERROR, "x"), ResponseFormat.JSON, null).header("Retry-After"));
  }

  @Test
  void aMethodNotAllowedNamesTheAllowedMethods() {
    HttpResponse response = write(Answer.error(ErrorKind.METHOD_NOT_ALLOWED, "Use GET or POST."), ResponseFormat.JSON, null);

    assertEquals(405, response.status());
    assertEquals("GET, POST, OPTIONS", response.header("Allow"));
  }

  @Test
  void tokenRefusalsCarryTheRfc6750Challenge() {
    assertEquals("Bearer realm=\"vod-auth\"",
        write(Answer.error(ErrorKind.MISSING_TOKEN, "no token"), ResponseFormat.JSON, null).header("WWW-Authenticate"));
    assertEquals("Bearer realm=\"vod-auth\", error=\"invalid_token\", error_description=\"The token has expired.\"",
        write(Answer.error(ErrorKind.INVALID_TOKEN, "The token has expired."), ResponseFormat.JSON, null).header("WWW-Authenticate"));
    assertEquals("Bearer realm=\"vod-auth\", error=\"insufficient_scope\", error_description=\"Not this video.\"",
        write(Answer.error(ErrorKind.VIDEO_NOT_ENTITLED, "Not this video."), ResponseFormat.JSON, null).header("WWW-Authenticate"));
    assertNull(write(Answer.error(ErrorKind.VIDEO_NOT_FOUND, "x"), ResponseFormat.JSON, null).header("WWW-Authenticate"));
  }

  @Test
  void theChallengeDescriptionKeepsOnlyPrintableAsciiWithoutQuotesOrBackslashes() {
    String challenge = write(Answer.error(ErrorKind.INVALID_TOKEN, "bad \"kid\" \\ 阿\r\nx"), ResponseFormat.JSON, null)
        .header("WWW-Authenticate");

    assertTrue(challenge.endsWith("error_description=\"bad kid  x\""), challenge);
  }

  @Test
  void anAllowedOriginGetsCorsHeadersOnErrorsToo() {
    HttpResponse response = write(Answer.error(ErrorKind.INVALID_TOKEN, "expired"), ResponseFormat.JSON, PLAYER);

    assertEquals(PLAYER, response.header("Access-Control-Allow-Origin"));
    assertEquals(Cors.EXPOSED_HEADERS, response.header("Access-Control-Expose-Headers"));
  }

  @Test
  void aPreflightIs204WithNoBodyAndCorsOnlyForAnAllowedOrigin() {
    HttpResponse allowed = writer.preflight(PLAYER, "req-opt");
    HttpResponse foreign = writer.preflight("https://evil.example.com", "req-opt");

    assertEquals(204, allowed.status());
    assertEquals("", allowed.body());
    assertEquals("GET, POST, OPTIONS", allowed.header("Allow"));
    assertEquals("no-store", allowed.header("Cache-Control"));
    assertEquals("req-opt", allowed.header("X-Request-Id"));
    assertEquals("600", allowed.header("Access-Control-Max-Age"));
    assertEquals(204, foreign.status());
    assertNull(foreign.header("Access-Control-Allow-Origin"));
    assertNull(foreign.header("Access-Control-Allow-Methods"));
  }
}
