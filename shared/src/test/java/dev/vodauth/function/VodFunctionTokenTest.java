package dev.vodauth.function;

import dev.vodauth.priming.Priming;
import static dev.vodauth.function.FunctionFixture.PLAYABLE;
import static dev.vodauth.function.FunctionFixture.UPLOADING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vodauth.auth.SigningKeys;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.config.Config;
import dev.vodauth.emulator.TokenIssuer;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.testkit.TestClock;
import dev.vodauth.vod.VodClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Caller tokens end to end: the real token check against a JWKS stand-in on a loopback socket,
 * the real SDK against the emulator, a clock the test moves. Every refusal is checked to have
 * made no VOD call, and no token is ever found in an answer or a log line.
 */
@Timeout(30)
class VodFunctionTokenTest {
  private final FunctionFixture fixture = new FunctionFixture();
  private final TokenIssuer issuer = new TokenIssuer();
  private final TestClock clock = TestClock.atNow();
  private final List<String> tokensSent = new ArrayList<>();
  private final List<HttpResponse> answers = new ArrayList<>();
  private int vodCallsBefore;

  @BeforeEach
  void setUp() throws Exception {
    issuer.start();
  }

  private void startWith(Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(Config.JWT_ISSUER, issuer.issuer(), Config.JWT_JWKS_URL, issuer.jwksUrl(),
        Config.JWT_AUDIENCE, TokenIssuer.AUDIENCE, Config.CORS_ALLOWED_ORIGINS, "https://player.example"));
    env.putAll(extra);
    fixture.start(env);
    Config config = fixture.functions.config();
    // The same functions, with the token check reading this test's clock.
    fixture.functions = VodFunctions.create(config, VodClient.create(config, () -> dev.vodauth.credentials.VodCredentials.of(
        FunctionFixture.KEY_ID, FunctionFixture.KEY_SECRET), fixture.json, new Random(3)),
        InvocationLog.to(fixture.logLines::add, "DEBUG", Clock.systemUTC(), fixture.json), fixture.json,
        TokenCheck.of(config.tokens(), SigningKeys.fetchedFrom(config.tokens().jwksUrl(), clock), clock));
  }

  @AfterEach
  void noTokenLeaksAnywhere() {
    try {
      for (String token : tokensSent) {
        String signature = token.substring(token.lastIndexOf('.') + 1);
        for (String line : fixture.logLines) {
          assertFalse(line.contains(token) || (!signature.isEmpty() && line.contains(signature)), "a token in the log: " + line);
        }
        for (HttpResponse answer : answers) {
          assertFalse(answer.body().contains(signature) && !signature.isEmpty(), "a token in an answer");
          answer.headers().values().forEach(v -> assertFalse(!signature.isEmpty() && v.contains(signature), "a token in a header"));
        }
      }
    } finally {
      fixture.close();
      issuer.close();
    }
  }

  private JWTClaimsSet.Builder claims() {
    Instant now = clock.instant();
    return issuer.claims().issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
  }

  private HttpResponse playAuth(String token, String videoId) {
    HttpRequest.Builder request = HttpRequest.builder("GET").rawQuery("VideoId=" + videoId).header("Origin", "https://player.example");
    if (token != null) {
      tokensSent.add(token);
      request.header("Authorization", "Bearer " + token);
    }
    vodCallsBefore = fixture.emulator.requestCount();
    HttpResponse response = fixture.functions.playAuth().handleHttp(request.build(), FunctionFixture.invocation("function-url"));
    answers.add(response);
    return response;
  }

  private HttpResponse playAuth(String token) {
    return playAuth(token, PLAYABLE);
  }

  private String code(HttpResponse response) throws Exception {
    JsonNode body = fixture.json.readTree(response.body());
    return body.path("Code").asText();
  }

  private String lastLogLine() {
    return fixture.logLines.get(fixture.logLines.size() - 1);
  }

  private void assertRefused(HttpResponse response, int status, String code, String error) throws Exception {
    assertEquals(status, response.status());
    assertEquals(code, code(response));
    if (error != null) {
      assertTrue(response.header("WWW-Authenticate").startsWith("Bearer realm=\"vod-auth\", error=\"" + error + "\", error_description=\""),
          response.header("WWW-Authenticate"));
    }
    assertEquals(vodCallsBefore, fixture.emulator.requestCount(), "no VOD call for a refused token");
    assertEquals("https://player.example", response.header("Access-Control-Allow-Origin"), "a page can read why");
  }

  @Test
  void validRs256TokenGetsAPlayAuth() throws Exception {
    startWith(Map.of());

    HttpResponse response = playAuth(issuer.sign(claims().build()));

    assertEquals(200, response.status(), response.body());
    assertEquals(1, fixture.emulator.requestCount());
  }

  @Test
  void validEs256TokenGetsAPlayAuth() throws Exception {
    startWith(Map.of());

    assertEquals(200, playAuth(issuer.sign(claims().build(), "ec-1")).status());
  }

  @Test
  void missingTokenIs401WithABareChallenge() throws Exception {
    startWith(Map.of());

    HttpResponse response = playAuth(null);

    assertRefused(response, 401, "MissingToken", null);
    assertEquals("Bearer realm=\"vod-auth\"", response.header("WWW-Authenticate"));
    assertTrue(lastLogLine().contains("no Authorization header"), lastLogLine());
  }

  @Test
  void missingTokenIs401EvenWithBadParameters() throws Exception {
    startWith(Map.of());

    HttpResponse response = fixture.functions.playAuth().handleHttp(
        HttpRequest.builder("GET").rawQuery("VideoId=-&AuthInfoTimeout=1").build(), FunctionFixture.invocation("t"));

    assertEquals(401, response.status());
    assertEquals("MissingToken", code(response));
  }

  @Test
  void anotherAuthorizationSchemeIsAMissingToken() throws Exception {
    startWith(Map.of());

    HttpResponse response = fixture.functions.playAuth().handleHttp(HttpRequest.builder("GET").rawQuery("VideoId=" + PLAYABLE)
        .header("Authorization", "Basic dXNlcjpwYXNz").build(), FunctionFixture.invocation("t"));

    assertEquals(401, response.status());
    assertEquals("MissingToken", code(response));
    assertEquals(0, fixture.emulator.requestCount());
  }

  @Test
  void expiredTokenIsRefusedAndTheLogSaysWhy() throws Exception {
    startWith(Map.of());
    Instant now = clock.instant();

    HttpResponse response = playAuth(issuer.sign(claims().expirationTime(Date.from(now.minusSeconds(61))).build()));

    assertRefused(response, 401, "InvalidToken", "invalid_token");
    assertTrue(response.header("WWW-Authenticate").contains("error_description=\"The token has expired.\""));
    assertTrue(lastLogLine().contains("expired at"), lastLogLine());
  }

  @Test
  void expiryWithinTheClockSkewIsAccepted() throws Exception {
    startWith(Map.of(Config.JWT_CLOCK_SKEW_SECONDS, "60"));

    assertEquals(200, playAuth(issuer.sign(claims().expirationTime(Date.from(clock.instant().minusSeconds(30))).build())).status());
  }

  /** Without JWT_MAX_LIFETIME_SECONDS any expiry is accepted; with it, a token living longer is refused. */
  @Test
  void withoutAMaximumLifetimeAnyExpiryIsAccepted() throws Exception {
    startWith(Map.of());
    assertEquals(200, playAuth(issuer.sign(claims().expirationTime(Date.from(Instant.parse("9999-12-31T23:59:59Z"))).build())).status());
  }

  @Test
  void aTokenLivingLongerThanTheMaximumLifetimeIsRefused() throws Exception {
    Date year9999 = Date.from(Instant.parse("9999-12-31T23:59:59Z"));
    startWith(Map.of(Config.JWT_MAX_LIFETIME_SECONDS, "3600", Config.JWT_CLOCK_SKEW_SECONDS, "60"));
    Instant now = clock.instant();

    assertEquals(200, playAuth(issuer.sign(claims().expirationTime(Date.from(now.plusSeconds(3600 + 60))).build())).status(),
        "at the bound, give or take the skew");
    for (Date far : List.of(Date.from(now.plusSeconds(3600 + 61)), year9999)) {
      HttpResponse response = playAuth(issuer.sign(claims().expirationTime(far).build()));
      assertRefused(response, 401, "InvalidToken", "invalid_token");
      assertTrue(response.header("WWW-Authenticate").contains("error_description=\"The token lives too long (exp).\""),
          response.header("WWW-Authenticate"));
      assertTrue(lastLogLine().contains("more than 3600 s"), lastLogLine());
    }
  }

  @Test
  void theMaximumLifetimeIsReadWithItsBounds() {
    Map<String, String> tokens = Map.of(Config.JWT_ISSUER, "https://id.example.com/", Config.JWT_AUDIENCE, "vod",
        Config.JWT_JWKS_URL, "https://id.example.com/jwks.json");
    assertEquals(0, Config.from(tokens).tokens().maxLifetimeSeconds(), "unset: no bound");
    for (String good : List.of("60", "86400")) {
      Map<String, String> env = new HashMap<>(tokens);
      env.put(Config.JWT_MAX_LIFETIME_SECONDS, good);
      assertEquals(Integer.parseInt(good), Config.from(env).tokens().maxLifetimeSeconds());
    }
    for (String bad : List.of("59", "86401", "0", "1h")) {
      Map<String, String> env = new HashMap<>(tokens);
      env.put(Config.JWT_MAX_LIFETIME_SECONDS, bad);
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Config.from(env));
      assertEquals("JWT_MAX_LIFETIME_SECONDS must be a whole number between 60 and 86400, got '" + bad + "'", e.getMessage());
    }
    IllegalArgumentException alone = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> Config.from(Map.of(Config.JWT_MAX_LIFETIME_SECONDS, "3600")));
    assertTrue(alone.getMessage().startsWith("JWT_ISSUER must be set when JWT_MAX_LIFETIME_SECONDS is"), alone.getMessage());
  }

  @Test
  void tokenNotYetValidIsRefused() throws Exception {
    startWith(Map.of());

    HttpResponse response = playAuth(issuer.sign(claims().notBeforeTime(Date.from(clock.instant().plusSeconds(120))).build()));

    assertRefused(response, 401, "InvalidToken", "invalid_token");
    assertTrue(lastLogLine().contains("not valid before"), lastLogLine());
  }

  @Test
  void tokenFromAnotherIssuerIsRefused() throws Exception {
    startWith(Map.of());

    assertRefused(playAuth(issuer.sign(claims().issuer("https://someone.else").build())), 401, "InvalidToken", "invalid_token");
  }

  @Test
  void tokenForAnotherAudienceIsRefused() throws Exception {
    startWith(Map.of(Config.JWT_AUDIENCE, "vod-player"));

    assertRefused(playAuth(issuer.sign(claims().audience("another-app").build())), 401, "InvalidToken", "invalid_token");
    assertRefused(playAuth(issuer.sign(claims().audience((String) null).build())), 401, "InvalidToken", "invalid_token");
    assertRefused(playAuth(issuer.sign(claims().build())), 401, "InvalidToken", "invalid_token"); // aud vod-auth
    assertEquals(200, playAuth(issuer.sign(claims().audience(List.of("x", "vod-player")).build())).status());
  }

  @Test
  void tamperedTokenIsRefused() throws Exception {
    startWith(Map.of());
    String[] parts = issuer.sign(claims().subject("viewer-1").build()).split("\\.");
    String otherClaims = Base64URL.encode(claims().subject("admin").build().toString().getBytes(StandardCharsets.UTF_8)).toString();

    HttpResponse response = playAuth(parts[0] + "." + otherClaims + "." + parts[2]);

    assertRefused(response, 401, "InvalidToken", "invalid_token");
    assertTrue(lastLogLine().contains("bad signature"), lastLogLine());
  }

  @Test
  void unsecuredTokenIsRefused() throws Exception {
    startWith(Map.of());
    String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
    String payload = Base64URL.encode(claims().build().toString().getBytes(StandardCharsets.UTF_8)).toString();

    assertRefused(playAuth(header + "." + payload + "."), 401, "InvalidToken", "invalid_token");
  }

  @Test
  void hs256SignedWithTheRsaPublicKeyIsRefused() throws Exception {
    startWith(Map.of());
    byte[] publicKeyAsSecret = ((RSAKey) issuer.publicKey("rsa-1")).toPublicKey().getEncoded();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(), claims().build());
    forged.sign(new MACSigner(publicKeyAsSecret));

    HttpResponse response = playAuth(forged.serialize());

    assertRefused(response, 401, "InvalidToken", "invalid_token");
    assertTrue(lastLogLine().contains("algorithm not accepted"), lastLogLine());
  }

  @Test
  void keyCarriedInTheTokenHeaderIsNeverTrusted() throws Exception {
    startWith(Map.of());
    RSAKey attackers = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").jwk(attackers.toPublicJWK()).build(),
        claims().build());
    forged.sign(new RSASSASigner(attackers));

    HttpResponse response = playAuth(forged.serialize());

    assertRefused(response, 401, "InvalidToken", "invalid_token");
    assertTrue(lastLogLine().contains("bad signature"), lastLogLine());
  }

  @Test
  void tokenWithoutExpiryIsRefused() throws Exception {
    startWith(Map.of());

    HttpResponse response = playAuth(issuer.sign(claims().expirationTime(null).build()));

    assertRefused(response, 401, "InvalidToken", "invalid_token");
    assertTrue(lastLogLine().contains("no exp claim"), lastLogLine());
  }

  @Test
  void unknownKeyIsRefusedUntilTheIssuerPublishesIt() throws Exception {
    startWith(Map.of());
    assertEquals(200, playAuth(issuer.sign(claims().build())).status());
    assertEquals(1, issuer.fetchCount());
    clock.shift(Duration.ofSeconds(31));
    String newKid = issuer.rotate(false);

    assertRefused(playAuth(issuer.sign(claims().build())), 401, "InvalidToken", "invalid_token");
    assertEquals(2, issuer.fetchCount(), "an unknown kid refetches the keys");
    issuer.publish(newKid);
    assertEquals(401, playAuth(issuer.sign(claims().build())).status(), "refetches are rate-limited");
    assertEquals(2, issuer.fetchCount());
    clock.shift(Duration.ofSeconds(31));

    assertEquals(200, playAuth(issuer.sign(claims().build())).status());
    assertEquals(3, issuer.fetchCount());
  }

  @Test
  void rotatedInKeyIsFetchedOnItsFirstToken() throws Exception {
    startWith(Map.of());
    assertEquals(200, playAuth(issuer.sign(claims().build())).status());
    clock.shift(Duration.ofSeconds(31));
    issuer.rotate();

    assertEquals(200, playAuth(issuer.sign(claims().build())).status());
    assertEquals(2, issuer.fetchCount());
  }

  @Test
  void videoNotInTheClaimIs403() throws Exception {
    startWith(Map.of(Config.JWT_VIDEO_CLAIM, "videos"));

    HttpResponse response = playAuth(issuer.sign(claims().claim("videos", List.of(UPLOADING)).build()));

    assertRefused(response, 403, "Forbidden.VideoNotEntitled", "insufficient_scope");
    assertRefused(playAuth(issuer.sign(claims().build())), 403, "Forbidden.VideoNotEntitled", "insufficient_scope");
    assertRefused(playAuth(issuer.sign(claims().claim("videos", 42).build())), 403, "Forbidden.VideoNotEntitled", "insufficient_scope");
  }

  @Test
  void videoInTheClaimIsAllowedAsListAsStringAndByStar() throws Exception {
    startWith(Map.of(Config.JWT_VIDEO_CLAIM, "videos"));

    assertEquals(200, playAuth(issuer.sign(claims().claim("videos", List.of(UPLOADING, PLAYABLE)).build())).status());
    assertEquals(200, playAuth(issuer.sign(claims().claim("videos", PLAYABLE).build())).status());
    assertEquals(200, playAuth(issuer.sign(claims().claim("videos", "*").build())).status());
    assertEquals(200, playAuth(issuer.sign(claims().claim("videos", List.of("*")).build())).status());
  }

  @Test
  void keysUnreachableWithNothingCachedIs503() throws Exception {
    startWith(Map.of());
    issuer.goDown();

    HttpResponse response = playAuth(issuer.sign(claims().build()));

    assertRefused(response, 503, "TokenKeysUnavailable", null);
    assertNull(response.header("WWW-Authenticate"));
    // When asking again can help: the back-off after a failed fetch of the issuer's keys.
    assertEquals("5", response.header("Retry-After"));
    assertTrue(lastLogLine().contains("HTTP 503"), lastLogLine());
  }

  @Test
  void keysUnreachableWithACachedKeyStillWorks() throws Exception {
    startWith(Map.of());
    assertEquals(200, playAuth(issuer.sign(claims().build())).status());
    issuer.goDown();
    clock.shift(Duration.ofMinutes(9));

    assertEquals(200, playAuth(issuer.sign(claims().build())).status());
  }

  @Test
  void keysPastTheirTtlAreNotTrustedAfterAClockJump() throws Exception {
    startWith(Map.of());
    String early = issuer.sign(claims().expirationTime(Date.from(clock.instant().plus(Duration.ofHours(2)))).build());
    assertEquals(200, playAuth(early).status());
    issuer.goDown();
    clock.shift(Duration.ofMinutes(11)); // a SnapStart restore long after the snapshot

    HttpResponse response = playAuth(early);

    assertEquals(503, response.status());
    assertEquals("TokenKeysUnavailable", code(response));
    issuer.comeBack();
    clock.shift(Duration.ofSeconds(5)); // past the back-off after a failed fetch
    assertEquals(200, playAuth(early).status());
    assertEquals(3, issuer.fetchCount());
  }

  @Test
  void anOutageIsAskedAboutOncePerBackOffNotOncePerRequest() throws Exception {
    startWith(Map.of());
    issuer.goDown();
    String token = issuer.sign(claims().build());

    for (int i = 0; i < 5; i++) assertEquals(503, playAuth(token).status());
    assertEquals(1, issuer.fetchCount()); // the first request asked; the next four were refused at once
    issuer.comeBack();
    assertEquals(503, playAuth(token).status()); // still inside the back-off
    clock.shift(Duration.ofSeconds(5));

    assertEquals(200, playAuth(token).status());
    assertEquals(2, issuer.fetchCount());
  }

  @Test
  void refreshUploadIsProtectedToo() throws Exception {
    startWith(Map.of());
    HttpRequest.Builder post = HttpRequest.builder("POST").header("Content-Type", "application/json")
        .body("{\"VideoId\":\"" + UPLOADING + "\"}", false);
    String token = issuer.sign(claims().build());
    tokensSent.add(token);

    HttpResponse refused = fixture.functions.refreshUpload().handleHttp(post.build(), FunctionFixture.invocation("t"));
    HttpResponse allowed = fixture.functions.refreshUpload().handleHttp(
        post.header("Authorization", "Bearer " + token).build(), FunctionFixture.invocation("t"));

    assertEquals(401, refused.status());
    assertEquals(200, allowed.status());
  }

  @Test
  void eventsAreNotTokenChecked() throws Exception {
    startWith(Map.of());

    JsonNode answer = fixture.functions.refreshUpload().handleEvent(
        fixture.json.createObjectNode().put("VideoId", UPLOADING), FunctionFixture.invocation("eventbridge"));

    assertTrue(answer.has("UploadAuth"));
  }

  @Test
  void primingRunsWithTokensOnWithoutFetchingKeysOrCallingVod() throws Exception {
    startWith(Map.of(Config.JWT_AUDIENCE, "player", Config.JWT_VIDEO_CLAIM, "videos"));

    Priming.prime(fixture.functions);

    assertEquals(0, issuer.fetchCount());
    assertEquals(0, fixture.emulator.requestCount());
  }
}
