package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.SAMPLE_VIDEO;
import static dev.vodauth.fc.FcHarness.roleContext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.vodauth.config.Config;
import dev.vodauth.emulator.TokenIssuer;
import dev.vodauth.testkit.SharedFiles;
import dev.vodauth.testkit.TokenFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Caller tokens through FC's real HTTP trigger event (the shared sample with an Authorization
 * header added), against a JWKS stand-in on a loopback socket.
 */
@Timeout(60)
class HttpTriggerTokenTest {
  @RegisterExtension final TokenFixture tokens = TokenFixture.started(() -> this.fc.logLines);
  private final TokenIssuer issuer = tokens.issuer();
  @RegisterExtension final FcHarness fc = FcHarness.fixture(Map.of(Config.JWT_ISSUER, issuer.issuer(),
      Config.JWT_JWKS_URL, issuer.jwksUrl(), Config.JWT_AUDIENCE, "vod-player", Config.JWT_VIDEO_CLAIM, "videos"));

  /** The HTTP trigger GET sample, with {@code token} (or none) added as its Authorization header. */
  private ObjectNode sampleGet(String token) {
    Path sample = SharedFiles.sample("aliyun-fc3", "http-trigger-event-get.json");
    ObjectNode event = (ObjectNode) FcHarness.read(sample);
    if (token != null) {
      tokens.sent(token);
      ((ObjectNode) event.path("headers")).put("Authorization", "Bearer " + token);
    }
    return event;
  }

  private JsonNode invoke(ObjectNode event) throws Exception {
    JsonNode response = fc.invoke(fc.playAuth, event, roleContext("req-" + System.nanoTime()));
    tokens.answered(response.toString());
    return response;
  }

  private JWTClaimsSet.Builder claims() {
    return issuer.claims().audience("vod-player").claim("videos", List.of(SAMPLE_VIDEO));
  }

  private static String code(JsonNode response) throws Exception {
    return JSON.readTree(response.path("body").asText()).path("Code").asText();
  }

  @Test
  void sampleWithAValidTokenGetsAPlayAuth() throws Exception {
    JsonNode response = invoke(sampleGet(issuer.sign(claims().build())));

    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertTrue(JSON.readTree(response.path("body").asText()).path("PlayAuth").isTextual());
    assertEquals(1, fc.emulator.requestCount());
  }

  @Test
  void sampleWithAnEs256TokenGetsAPlayAuth() throws Exception {
    assertEquals(200, invoke(sampleGet(issuer.sign(claims().build(), "ec-1"))).path("statusCode").asInt());
  }

  @Test
  void sampleWithoutATokenIs401AndNoVodCall() throws Exception {
    JsonNode response = invoke(sampleGet(null));

    assertEquals(401, response.path("statusCode").asInt());
    assertEquals("MissingToken", code(response));
    assertEquals("Bearer realm=\"vod-auth\"", response.path("headers").path("WWW-Authenticate").asText());
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void tokenForAnotherAudienceIs401() throws Exception {
    JsonNode response = invoke(sampleGet(issuer.sign(claims().audience("another-app").build())));

    assertEquals(401, response.path("statusCode").asInt());
    assertEquals("InvalidToken", code(response));
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void tokenNotYetValidIs401() throws Exception {
    JsonNode response = invoke(sampleGet(issuer.sign(claims().notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build())));

    assertEquals(401, response.path("statusCode").asInt());
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void tokenForOtherVideosIs403() throws Exception {
    JsonNode response = invoke(sampleGet(issuer.sign(claims().claim("videos", "5aa0bbf5e8a84c7fb7a3a0f5c1d20001").build())));

    assertEquals(403, response.path("statusCode").asInt());
    assertEquals("Forbidden.VideoNotEntitled", code(response));
    assertEquals(0, fc.emulator.requestCount());
  }

  @Test
  void rotatedKeyIsFetchedOnItsFirstToken() throws Exception {
    assertEquals(200, invoke(sampleGet(issuer.sign(claims().build()))).path("statusCode").asInt());
    issuer.rotate();

    // The first fetch was just now: an unknown kid within the rate limit is refused, not fetched.
    JsonNode response = invoke(sampleGet(issuer.sign(claims().build())));

    assertEquals(401, response.path("statusCode").asInt());
    assertEquals(1, issuer.fetchCount());
  }

  @Test
  void keysUnreachableIs503() throws Exception {
    issuer.goDown();

    JsonNode response = invoke(sampleGet(issuer.sign(claims().build())));

    assertEquals(503, response.path("statusCode").asInt());
    assertEquals("TokenKeysUnavailable", code(response));
    assertEquals(0, fc.emulator.requestCount());
  }
}
