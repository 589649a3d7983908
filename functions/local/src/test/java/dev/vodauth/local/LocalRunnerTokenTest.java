package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.TokenIssuer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Caller tokens through the local runner over real HTTP, against a JWKS stand-in on loopback. */
@Timeout(60)
class LocalRunnerTokenTest {
  private static final String ORIGIN = "https://player.example.com";

  private TokenIssuer issuer;
  private RunnerFixture local;
  private final List<String> tokensSent = new ArrayList<>();
  private final List<HttpResponse<String>> answers = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    issuer = new TokenIssuer().start();
    local = RunnerFixture.start(Map.of("JWT_ISSUER", issuer.issuer(), "JWT_JWKS_URL", issuer.jwksUrl(), "JWT_AUDIENCE", TokenIssuer.AUDIENCE,
        "JWT_VIDEO_CLAIM", "videos", "CORS_ALLOWED_ORIGINS", ORIGIN));
  }

  @AfterEach
  void noTokenInAnyAnswerOrLogLine() {
    try {
      for (String token : tokensSent) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        for (HttpResponse<String> answer : answers) {
          assertFalse(answer.body().contains(signature) || answer.headers().toString().contains(signature), "a token in an answer");
        }
        for (String line : local.logLines()) assertFalse(line.contains(signature), "a token in a log line: " + line);
      }
      local.assertNoSecretLeaked();
    } finally {
      local.close();
      issuer.close();
    }
  }

  /**
   * With tokens on the banner promises no 200 to a call without a token: its curl lines carry one
   * ($TOKEN) and it says where one comes from; each of them, run with a valid token, answers as
   * the table says.
   */
  @Test
  void theBannerWithTokensOnShowsCurlLinesWithATokenAndHowToGetOne() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    Banner.print(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), local.runner());
    String banner = out.toString(java.nio.charset.StandardCharsets.UTF_8);

    assertTrue(banner.contains("TokenIssuerMain"), banner);
    assertTrue(banner.contains("401 MissingToken"), banner);
    List<String> curls = new ArrayList<>();
    for (String line : banner.split("\n")) if (line.trim().startsWith("curl ")) curls.add(line.trim());
    assertFalse(curls.isEmpty(), banner);
    for (String curl : curls) {
      // Events are never token-checked: only the HTTP faces' lines need the token.
      if (!curl.contains("/events/")) assertTrue(curl.contains("-H \"Authorization: Bearer $TOKEN\""), curl);
    }
    assertFalse(banner.contains("200 PlayAuth") && !banner.contains("with a valid token"), banner);
  }

  private HttpResponse<String> playAuth(String token) {
    HttpResponse<String> response = token == null
        ? local.get("/play-auth?VideoId=" + DemoCatalogue.PLAYABLE, "Origin", ORIGIN)
        : local.get("/play-auth?VideoId=" + DemoCatalogue.PLAYABLE, "Origin", ORIGIN, "Authorization", "Bearer " + remember(token));
    answers.add(response);
    return response;
  }

  private String remember(String token) {
    tokensSent.add(token);
    return token;
  }

  private JWTClaimsSet.Builder claims(Object videos) {
    return issuer.claims().claim("videos", videos);
  }

  @Test
  void withoutATokenIs401ThenWithOneIs200() {
    HttpResponse<String> refused = playAuth(null);
    assertEquals(0, local.emulator().requestCount());
    HttpResponse<String> allowed = playAuth(issuer.sign(claims(List.of(DemoCatalogue.PLAYABLE)).build()));

    assertEquals(401, refused.statusCode());
    assertEquals("MissingToken", local.tree(refused).path("Code").asText());
    assertEquals("Bearer realm=\"vod-auth\"", refused.headers().firstValue("WWW-Authenticate").orElse(null));
    assertEquals(ORIGIN, refused.headers().firstValue("Access-Control-Allow-Origin").orElse(null), "a player can read the 401");
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertTrue(local.tree(allowed).path("PlayAuth").isTextual());
    assertEquals(1, local.emulator().requestCount());
  }

  @Test
  void refusedTokensNeverReachVod() {
    Instant now = Instant.now();
    List<String> refused = List.of(
        issuer.sign(claims("*").expirationTime(Date.from(now.minusSeconds(300))).build()),
        issuer.sign(claims("*").notBeforeTime(Date.from(now.plusSeconds(300))).build()),
        issuer.sign(claims("*").issuer("https://someone.else").build()),
        issuer.sign(claims("*").expirationTime(null).build()),
        issuer.sign(claims(List.of(DemoCatalogue.NOT_YET_PLAYABLE)).build()));

    for (String token : refused) {
      int status = playAuth(token).statusCode();
      assertTrue(status == 401 || status == 403, "status " + status);
    }

    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void keysUnreachableIs503() {
    issuer.goDown();

    HttpResponse<String> response = playAuth(issuer.sign(claims("*").build()));

    assertEquals(503, response.statusCode());
    assertEquals("TokenKeysUnavailable", local.tree(response).path("Code").asText());
    assertEquals(0, local.emulator().requestCount());
  }

  @Test
  void refreshUploadAnswersBrowsersWhenTokensAreOn() {
    HttpResponse<String> preflight = local.send("OPTIONS", "/refresh-upload", java.net.http.HttpRequest.BodyPublishers.noBody(),
        "Origin", ORIGIN, "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type");

    assertEquals(204, preflight.statusCode());
    assertEquals(ORIGIN, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("Authorization, Content-Type", preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(null));
    assertEquals("no-store", preflight.headers().firstValue("Cache-Control").orElse(null));
  }
}
