package dev.vodauth.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.playauth.PythonJwtCheck;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** play-auth's JWT kind end to end: tokens checked by python3, the kinds, the rules, the PlayKey's sources. */
class JwtPlayAuthFunctionTest {
  private static final String PLAY_KEY = "yzNgTUtAl6HAuosIA";
  private final ObjectMapper json = new ObjectMapper();
  private FunctionFixture fixture;

  @AfterEach
  void close() {
    if (fixture != null) fixture.close();
  }

  private HttpResponse get(String query) {
    return fixture.functions.playAuth().handleHttp(HttpRequest.builder("GET").rawQuery(query).build(),
        FunctionFixture.invocation("http"));
  }

  private JsonNode body(HttpResponse response) throws Exception {
    return json.readTree(response.body());
  }

  @Test
  void jwtTokensAreWhatAnIndependentVerifierAccepts() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT,VOD", "VOD_PLAY_KEY", PLAY_KEY,
        "VOD_REGION", "cn-beijing", "VOD_APP_ID", "app-1000231"));
    long before = System.currentTimeMillis();
    HttpResponse response = get("VideoId=" + FunctionFixture.PLAYABLE);
    long after = System.currentTimeMillis();
    assertEquals(200, response.status(), response.body());
    assertEquals("no-store", response.headers().get("Cache-Control"));
    JsonNode answer = body(response);
    assertEquals("JWT", answer.path("PlayAuthType").asText());
    assertEquals(FunctionFixture.PLAYABLE, answer.path("VideoId").asText());
    assertEquals("req-http", answer.path("RequestId").asText());
    assertEquals(0, fixture.emulator.requestCount(), "a JWTPlayAuth with a configured key calls no VOD");

    JsonNode check = PythonJwtCheck.check(answer.path("PlayAuth").asText(), PLAY_KEY);
    assertTrue(check.path("signatureValid").asBoolean(), "HMAC-SHA256 with the PlayKey's bytes");
    assertTrue(check.path("paddingFree").asBoolean(), "base64url without padding");
    assertFalse(PythonJwtCheck.check(answer.path("PlayAuth").asText(), "otherKey123").path("signatureValid").asBoolean());
    assertEquals(json.readTree("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), check.path("header"));

    JsonNode claims = check.path("claims");
    assertEquals(json.readTree("{\"appId\":\"str\",\"videoId\":\"str\",\"currentTimeStamp\":\"int\",\"expireTimeStamp\":\"int\","
        + "\"regionId\":\"str\",\"playContentInfo\":\"dict\"}"), check.path("types"), "exactly these claims, these types");
    assertEquals("app-1000231", claims.path("appId").asText());
    assertEquals(FunctionFixture.PLAYABLE, claims.path("videoId").asText());
    assertEquals("cn-beijing", claims.path("regionId").asText());
    long issued = claims.path("currentTimeStamp").asLong();
    assertTrue(issued >= before && issued <= after, "currentTimeStamp is now, in epoch milliseconds");
    assertEquals(3_600_000L, claims.path("expireTimeStamp").asLong() - issued, "default validity: 3600 s, in ms");
    assertEquals(Instant.ofEpochMilli(claims.path("expireTimeStamp").asLong()).getEpochSecond(),
        Instant.parse(answer.path("ExpireTime").asText()).getEpochSecond(), "ExpireTime says when it expires");
    assertEquals(json.readTree("{\"formats\":\"mp4\",\"authTimeout\":1800,\"streamType\":\"video\"}"),
        claims.path("playContentInfo"), "Alibaba's own playContentInfo by default");
    assertEquals(json.readTree("{\"formats\":\"str\",\"authTimeout\":\"int\",\"streamType\":\"str\"}"), check.path("contentTypes"));
  }

  @Test
  void validityIsTheDefaultOrLessNeverMore() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT", "VOD_PLAY_KEY", PLAY_KEY,
        "PLAY_AUTH_JWT_TIMEOUT_DEFAULT", "600", "PLAY_AUTH_JWT_TIMEOUT_MAX", "7200"));
    for (int seconds : new int[] {100, 601, 7200}) {
      JsonNode answer = body(get("VideoId=" + FunctionFixture.PLAYABLE + "&AuthInfoTimeout=" + seconds));
      JsonNode claims = PythonJwtCheck.check(answer.path("PlayAuth").asText(), PLAY_KEY).path("claims");
      assertEquals(seconds * 1000L, claims.path("expireTimeStamp").asLong() - claims.path("currentTimeStamp").asLong());
    }
    JsonNode byDefault = PythonJwtCheck.check(body(get("VideoId=" + FunctionFixture.PLAYABLE)).path("PlayAuth").asText(), PLAY_KEY);
    assertEquals(600_000L, byDefault.path("claims").path("expireTimeStamp").asLong()
        - byDefault.path("claims").path("currentTimeStamp").asLong());
    for (String bad : new String[] {"99", "7201", "-1", "1e3", "abc"}) {
      HttpResponse refused = get("VideoId=" + FunctionFixture.PLAYABLE + "&AuthInfoTimeout=" + bad);
      assertEquals(400, refused.status(), bad);
      assertEquals("AuthInfoTimeout must be a whole number of seconds between 100 and 7200 for a JWTPlayAuth.",
          body(refused).path("Message").asText());
    }
  }

  @Test
  void callerNarrowsPlayContentInfoAndIsRefusedNamingTheField() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT", "VOD_PLAY_KEY", PLAY_KEY,
        "PLAY_AUTH_JWT_FORMATS", "m3u8,mp4", "PLAY_AUTH_JWT_AUTH_TIMEOUT", "3600", "PLAY_AUTH_JWT_OUTPUT_TYPE", "cdn",
        "PLAY_AUTH_JWT_STREAM_TYPE", "video,audio"));
    JsonNode answer = body(get("VideoId=" + FunctionFixture.PLAYABLE + "&Formats=M3U8&AuthTimeout=60&Definition=HD,SD"));
    JsonNode content = PythonJwtCheck.check(answer.path("PlayAuth").asText(), PLAY_KEY).path("claims").path("playContentInfo");
    assertEquals(json.readTree("{\"formats\":\"m3u8\",\"authTimeout\":60,\"streamType\":\"video,audio\",\"definition\":\"HD,SD\","
        + "\"outputType\":\"cdn\"}"), content);
    assertRefused("Formats=flv", "Formats must be one or more of m3u8, mp4, comma-separated.");
    assertRefused("AuthTimeout=3601", "AuthTimeout must be a whole number of seconds between 1 and 3600.");
    assertRefused("StreamType=video,subtitle", "StreamType must be one or more of video, audio, comma-separated.");
    assertRefused("ResultType=All", "ResultType must be one of Single, Multiple.");
    assertRefused("OutputType=oss", "OutputType is set by the deployment, not by the caller.");
  }

  private void assertRefused(String query, String message) throws Exception {
    HttpResponse refused = get("VideoId=" + FunctionFixture.PLAYABLE + "&" + query);
    assertEquals(400, refused.status(), query);
    assertEquals("InvalidParameter", body(refused).path("Code").asText());
    assertEquals(message, body(refused).path("Message").asText());
  }

  @Test
  void aKindNotOfferedIsRefusedNamingTheOfferedOnes() throws Exception {
    fixture = new FunctionFixture().start(Map.of());
    HttpResponse refused = get("VideoId=" + FunctionFixture.PLAYABLE + "&PlayAuthType=JWT");
    assertEquals(400, refused.status());
    assertEquals("PlayAuthType must be one of VOD (the kinds this deployment offers).", body(refused).path("Message").asText());
    assertEquals(0, fixture.emulator.requestCount());
    HttpResponse classic = get("VideoId=" + FunctionFixture.PLAYABLE + "&playauthtype=vod");
    assertEquals(200, classic.status());
    assertTrue(body(classic).has("VideoMeta"), "the classic answer is VOD's own");
    assertFalse(fixture.logLines.get(fixture.logLines.size() - 1).contains("PlayAuthType"),
        "a classic-only deployment's log line is as before");
  }

  @Test
  void bothKindsServedTheLogLineAndMetricsNameTheKind() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "VOD,JWT", "VOD_PLAY_KEY", PLAY_KEY));
    HttpResponse classic = get("VideoId=" + FunctionFixture.PLAYABLE);
    assertTrue(body(classic).has("VideoMeta"), "VOD first: the classic kind by default");
    assertEquals("VOD", json.readTree(fixture.logLines.get(fixture.logLines.size() - 1)).path("PlayAuthType").asText());
    HttpResponse jwt = get("VideoId=" + FunctionFixture.PLAYABLE + "&PlayAuthType=jwt");
    assertEquals("JWT", body(jwt).path("PlayAuthType").asText());
    String line = fixture.logLines.get(fixture.logLines.size() - 1);
    assertEquals("JWT", json.readTree(line).path("PlayAuthType").asText());
    assertEquals("JWT", json.readTree(line).path("playAuthType").asText());
    assertFalse(line.contains(PLAY_KEY));
    assertFalse(line.contains(body(jwt).path("PlayAuth").asText()), "no PlayAuth in the log");
    HttpResponse refused = get("VideoId=" + FunctionFixture.PLAYABLE + "&PlayAuthType=Widevine");
    assertEquals("PlayAuthType must be one of VOD, JWT (the kinds this deployment offers).", body(refused).path("Message").asText());
  }

  @Test
  void playKeyReadWithGetAppPlayKeyIsCachedAndRotationIsPickedUp() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT", "VOD_PLAY_KEY_TTL_SECONDS", "1"));
    String first = fixture.emulator.appPlayKey("app-1000000");
    JsonNode one = body(get("VideoId=" + FunctionFixture.PLAYABLE));
    get("VideoId=" + FunctionFixture.PLAYABLE);
    assertEquals(1, fixture.emulator.requestCount(), "one GetAppPlayKey, then the cached key");
    assertTrue(PythonJwtCheck.check(one.path("PlayAuth").asText(), first).path("signatureValid").asBoolean());
    assertEquals("GetAppPlayKey", fixture.emulator.takeRequest(1, java.util.concurrent.TimeUnit.SECONDS).action());
    fixture.emulator.setAppPlayKey("app-1000000", "rotatedKey2026");
    Thread.sleep(1100);
    JsonNode rotated = body(get("VideoId=" + FunctionFixture.PLAYABLE));
    assertTrue(PythonJwtCheck.check(rotated.path("PlayAuth").asText(), "rotatedKey2026").path("signatureValid").asBoolean());
    for (String line : fixture.logLines) {
      assertFalse(line.contains(first) || line.contains("rotatedKey2026"), line);
    }
  }

  @Test
  void aPlayKeyVodRefusesIsAnErrorThatNamesNoKey() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT"));
    fixture.emulator.setAppPlayKey("app-1000000", "short");
    HttpResponse response = get("VideoId=" + FunctionFixture.PLAYABLE);
    assertEquals(502, response.status());
    assertFalse(response.body().contains("short"), response.body());
  }

  @Test
  void getAppPlayKeyIsRetriedAsAnyVodCall() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT"));
    fixture.emulator.enqueue(dev.vodauth.emulator.ScriptedResponse.throttling());
    HttpResponse answered = get("VideoId=" + FunctionFixture.PLAYABLE);
    assertEquals(200, answered.status(), answered.body());
    assertEquals(2, fixture.emulator.requestCount(), "the throttled GetAppPlayKey, then its retry");
  }

  @Test
  void getAppPlayKeyFailuresAreClassifiedAndNameNoSecret() throws Exception {
    // Without retries, so that one scripted throttling is the answer.
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT", "VOD_MAX_RETRIES", "0"));
    fixture.emulator.enqueue(dev.vodauth.emulator.ScriptedResponse.throttling());
    HttpResponse throttled = get("VideoId=" + FunctionFixture.PLAYABLE);
    assertEquals(429, throttled.status(), throttled.body());
    assertTrue(body(throttled).path("Code").asText().startsWith("Throttling"), throttled.body());
    assertTrue(throttled.headers().containsKey("Retry-After"));
    HttpResponse cached = get("VideoId=" + FunctionFixture.PLAYABLE);
    assertEquals(429, cached.status(), "the failure is answered again for a few seconds, with no read");
    assertEquals(1, fixture.emulator.requestCount());
    fixture.close();

    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "JWT"));
    fixture.emulator.removeAccessKey(FunctionFixture.KEY_ID);
    HttpResponse rejected = get("VideoId=" + FunctionFixture.PLAYABLE);
    assertEquals(502, rejected.status());
    assertEquals("VodCredentialsRejected", body(rejected).path("Code").asText());
    assertFalse(rejected.body().contains(FunctionFixture.KEY_SECRET));
    for (String line : fixture.logLines) assertFalse(line.contains(FunctionFixture.KEY_SECRET), line);
  }

  @Test
  void eventsMayAskForAJwt() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "VOD,JWT", "VOD_PLAY_KEY", PLAY_KEY));
    ObjectNode message = json.createObjectNode().put("VideoId", FunctionFixture.PLAYABLE).put("PlayAuthType", "JWT");
    message.putObject("Context").put("n", 1);
    ObjectNode answer = fixture.functions.playAuth().handleEvent(message, FunctionFixture.invocation("event"));
    assertEquals("JWT", answer.path("PlayAuthType").asText());
    assertEquals("JWT", json.readTree(fixture.logLines.get(fixture.logLines.size() - 1)).path("PlayAuthType").asText(),
        "an event's line names the kind too");
    assertEquals(1, answer.path("Context").path("n").asInt());
    assertTrue(PythonJwtCheck.check(answer.path("PlayAuth").asText(), PLAY_KEY).path("signatureValid").asBoolean());
    ObjectNode classic = fixture.functions.playAuth().handleEvent(
        json.createObjectNode().put("VideoId", FunctionFixture.PLAYABLE), FunctionFixture.invocation("event"));
    assertTrue(classic.has("VideoMeta"));
    assertNotEquals(answer.path("PlayAuth"), classic.path("PlayAuth"));
    assertNull(answer.get("VideoMeta"));
  }

  @Test
  void aJwtAnswersLineClaimsNoVodRequestAndItsAnswerHasThePlatformsRequestId() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "VOD,JWT", "VOD_PLAY_KEY", PLAY_KEY));
    HttpResponse jwt = get("VideoId=" + FunctionFixture.PLAYABLE + "&PlayAuthType=JWT");
    assertEquals("req-http", body(jwt).path("RequestId").asText(), "no VOD request: the platform's ID");
    JsonNode line = json.readTree(fixture.logLines.get(fixture.logLines.size() - 1));
    assertEquals("JWT", line.path("playAuthType").asText(), line.toString());
    assertFalse(line.has("vodRequestId"), "no VOD call was made: " + line);
    assertEquals(0, fixture.emulator.requestCount());
    get("VideoId=" + FunctionFixture.PLAYABLE + "&PlayAuthType=VOD");
    JsonNode classic = json.readTree(fixture.logLines.get(fixture.logLines.size() - 1));
    assertTrue(classic.has("vodRequestId"), "the classic kind's line keeps VOD's request ID: " + classic);
  }

  @Test
  void aBatchsLineNamesTheKindsItsMessagesAskedFor() throws Exception {
    fixture = new FunctionFixture().start(Map.of("PLAY_AUTH_TYPES", "VOD,JWT", "VOD_PLAY_KEY", PLAY_KEY));
    ObjectNode jwt = json.createObjectNode().put("VideoId", FunctionFixture.PLAYABLE).put("PlayAuthType", "JWT");
    ObjectNode classic = json.createObjectNode().put("VideoId", FunctionFixture.PLAYABLE);
    fixture.functions.playAuth().handleEventBatch(java.util.List.of(jwt, jwt), FunctionFixture.invocation("batch"));
    assertEquals("JWT", json.readTree(fixture.logLines.get(fixture.logLines.size() - 1)).path("playAuthType").asText());
    fixture.functions.playAuth().handleEventBatch(java.util.List.of(jwt, classic), FunctionFixture.invocation("batch"));
    assertEquals("JWT,VOD", json.readTree(fixture.logLines.get(fixture.logLines.size() - 1)).path("playAuthType").asText());
  }
}
