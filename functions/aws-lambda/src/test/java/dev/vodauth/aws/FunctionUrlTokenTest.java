package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.TokenIssuer;
import dev.vodauth.testkit.TokenFixture;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Caller tokens through Lambda's real function URL payload (format 2.0, the shared samples with
 * an Authorization header added), against a JWKS stand-in on a loopback socket.
 */
@Timeout(60)
class FunctionUrlTokenTest {
  @RegisterExtension final TokenFixture tokens = TokenFixture.started(() -> this.harness.logLines);
  private final TokenIssuer issuer = tokens.issuer();
  @RegisterExtension final Harness harness = Harness.onDemoCatalogue().with("JWT_ISSUER", issuer.issuer())
      .with("JWT_JWKS_URL", issuer.jwksUrl()).with("JWT_AUDIENCE", TokenIssuer.AUDIENCE).with("JWT_VIDEO_CLAIM", "videos");
  private final VodEmulator emulator = harness.emulator;
  private String sampleVideo;

  /** The function URL GET sample, its video in the catalogue, with {@code token} (or none) added. */
  private ObjectNode sampleGet(String token) throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Samples.file("function_url_get.json").toFile());
    sampleVideo = event.path("queryStringParameters").path("VideoId").asText();
    emulator.addVideo(Video.of(sampleVideo, VideoStatus.NORMAL).withTitle("sample"));
    if (token != null) {
      tokens.sent(token);
      ((ObjectNode) event.path("headers")).put("authorization", "Bearer " + token);
    }
    return event;
  }

  private JsonNode invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, ObjectNode event) throws Exception {
    String raw = Harness.invokeRaw(handler, harness.json.writeValueAsBytes(event), "req-" + System.nanoTime());
    tokens.answered(raw);
    return harness.json.readTree(raw);
  }

  private JWTClaimsSet.Builder claimsFor(Object videos) {
    return issuer.claims().claim("videos", videos);
  }

  @Test
  void sampleWithAValidTokenGetsAPlayAuth() throws Exception {
    String video = sampleGet(null).path("queryStringParameters").path("VideoId").asText();
    ObjectNode event = sampleGet(issuer.sign(claimsFor(List.of(video)).build()));

    JsonNode response = invoke(harness.playAuth(), event);

    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertTrue(harness.body(response).path("PlayAuth").isTextual());
    assertEquals(1, emulator.requestCount());
  }

  @Test
  void sampleWithoutATokenIs401WithABareChallengeAndNoVodCall() throws Exception {
    JsonNode response = invoke(harness.playAuth(), sampleGet(null));

    assertEquals(401, response.path("statusCode").asInt());
    assertEquals("Bearer realm=\"vod-auth\"", response.path("headers").path("WWW-Authenticate").asText());
    assertEquals("MissingToken", harness.body(response).path("Code").asText());
    assertEquals(0, emulator.requestCount());
    assertTrue(harness.logLines.get(harness.logLines.size() - 1).contains("no Authorization header"));
  }

  @Test
  void expiredTokenIs401InvalidToken() throws Exception {
    ObjectNode event = sampleGet(issuer.sign(claimsFor("*").expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));

    JsonNode response = invoke(harness.playAuth(), event);

    assertEquals(401, response.path("statusCode").asInt());
    assertTrue(response.path("headers").path("WWW-Authenticate").asText().contains("error=\"invalid_token\""));
    assertEquals("InvalidToken", harness.body(response).path("Code").asText());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void tokenForOtherVideosIs403() throws Exception {
    JsonNode response = invoke(harness.playAuth(), sampleGet(issuer.sign(claimsFor(List.of(DemoCatalogue.PLAYABLE)).build())));

    assertEquals(403, response.path("statusCode").asInt());
    assertEquals("Forbidden.VideoNotEntitled", harness.body(response).path("Code").asText());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void keysUnreachableIs503AndNeverFailsOpen() throws Exception {
    issuer.goDown();

    JsonNode response = invoke(harness.playAuth(), sampleGet(issuer.sign(claimsFor("*").build())));

    assertEquals(503, response.path("statusCode").asInt());
    assertEquals("TokenKeysUnavailable", harness.body(response).path("Code").asText());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void iamUrlSampleOfRefreshUploadNeedsATokenToo() throws Exception {
    ObjectNode event = (ObjectNode) harness.json.readTree(Samples.file("function_url_iam_post.json").toFile());

    JsonNode refused = invoke(harness.refreshUpload(), event);
    String token = issuer.sign(claimsFor("*").build());
    tokens.sent(token);
    ((ObjectNode) event.path("headers")).put("authorization", "Bearer " + token);
    JsonNode allowed = invoke(harness.refreshUpload(), event);

    assertEquals(401, refused.path("statusCode").asInt());
    assertTrue(allowed.path("statusCode").asInt() != 401 && allowed.path("statusCode").asInt() != 403, allowed.toString());
  }

  @Test
  void eventBridgeEventsAreNotTokenChecked() {
    JsonNode answer = harness.invoke(harness.refreshUpload(), Harness.resource("events/eventbridge/good.json"));

    assertFalse(answer.has("Code") && answer.path("Code").asText().contains("Token"), answer.toString());
    assertEquals(1, emulator.requestCount());
  }
}
