package dev.vodauth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.testkit.TestClock;
import dev.vodauth.vod.Deadline;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caller-token check on its own, on a fixed clock and a fixed key set (no network): which
 * tokens pass, and the 401 each bad one gets, with the reason kept for the log line.
 */
class TokenCheckTest {
  private static final String ISSUER = "https://issuer.example.com/";
  private static final String AUDIENCE = "vod-player";
  private static RSAKey key;
  private static RSAKey otherKey;

  private final TestClock clock = new TestClock();
  private final Instant now = clock.instant();

  @BeforeAll
  static void keys() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
    otherKey = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
  }

  private TokenCheck check(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of(Config.JWT_ISSUER, ISSUER, Config.JWT_AUDIENCE, AUDIENCE,
        Config.JWT_JWKS_URL, "https://issuer.example.com/.well-known/jwks.json", Config.JWT_VIDEO_CLAIM, "videos"));
    env.putAll(extra);
    return TokenCheck.of(Config.from(env).tokens(), SigningKeys.fixed(new JWKSet(key.toPublicJWK())), clock);
  }

  private TokenCheck check() {
    return check(Map.of());
  }

  private JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("viewer-7")
        .expirationTime(Date.from(now.plusSeconds(300))).claim("videos", List.of("v-1", "v-2"));
  }

  private static String sign(JWTClaimsSet claims, RSAKey with) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(with));
    return jwt.serialize();
  }

  private Answer refusal(String authorization) {
    Caller caller = check().check(authorization, Deadline.afterMillis(1_000));
    assertNotNull(caller.refusal(), "accepted: " + authorization);
    return caller.refusal();
  }

  private static void assertInvalid(String message, Answer refusal) {
    assertEquals(ErrorKind.INVALID_TOKEN, refusal.kind());
    assertEquals(401, refusal.status());
    assertEquals(message, refusal.message());
    assertTrue(refusal.detail().startsWith("token refused: "), refusal.detail());
  }

  @Test
  void offLetsEveryoneThroughWithoutAHeader() {
    Caller caller = TokenCheck.off().check(null, Deadline.afterMillis(1_000));

    assertNull(caller.refusal());
    assertNull(caller.refusalFor("any-video"));
    assertTrue(!TokenCheck.off().isOn());
  }

  @Test
  void aValidTokenGivesItsSubjectAndEntitlesOnlyItsVideos() throws Exception {
    Caller caller = check().check("Bearer " + sign(claims().build(), key), Deadline.afterMillis(1_000));

    assertNull(caller.refusal());
    assertEquals("viewer-7", caller.subject());
    assertNull(caller.refusalFor("v-2"));
    assertEquals(ErrorKind.VIDEO_NOT_ENTITLED, caller.refusalFor("v-3").kind());
  }

  @Test
  void aStarOrASingleStringInTheVideoClaimEntitles() throws Exception {
    Caller star = check().check("Bearer " + sign(claims().claim("videos", "*").build(), key), Deadline.afterMillis(1_000));
    Caller one = check().check("bearer  " + sign(claims().claim("videos", "v-9").build(), key), Deadline.afterMillis(1_000));

    assertNull(star.refusalFor("anything"));
    assertNull(one.refusalFor("v-9"));
    assertEquals(ErrorKind.VIDEO_NOT_ENTITLED, one.refusalFor("v-1").kind());
  }

  @Test
  void noHeaderOrAnotherSchemeIsMissingToken() {
    for (String header : new String[] {null, "", "   ", "Basic dXNlcjpwYXNz"}) {
      Answer refusal = refusal(header);
      assertEquals(ErrorKind.MISSING_TOKEN, refusal.kind(), String.valueOf(header));
    }
  }

  @Test
  void anEmptyOversizedOrUnparsableTokenIsMalformed() {
    assertInvalid("The token is malformed.", refusal("Bearer"));
    assertInvalid("The token is malformed.", refusal("Bearer " + "a".repeat(TokenCheck.MAX_TOKEN_CHARS + 1)));
    assertInvalid("The token is malformed.", refusal("Bearer not.a-jwt"));
  }

  @Test
  void anUnsignedTokenIsRefused() {
    Answer refusal = refusal("Bearer " + new PlainJWT(claims().build()).serialize());

    assertEquals(ErrorKind.INVALID_TOKEN, refusal.kind());
  }

  @Test
  void aSharedSecretAlgorithmIsRefusedBeforeAnyKeyIsTried() throws Exception {
    SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
    hs.sign(new MACSigner(new byte[32]));

    assertInvalid("The token's signing algorithm is not accepted.", refusal("Bearer " + hs.serialize()));
  }

  @Test
  void aTokenSignedByAnotherKeyDoesNotVerify() throws Exception {
    assertInvalid("The token's signature does not verify.", refusal("Bearer " + sign(claims().build(), otherKey)));
  }

  @Test
  void expiryIsReadOnTheClockWithTheSkew() throws Exception {
    String token = sign(claims().expirationTime(Date.from(now.minusSeconds(30))).build(), key);
    assertNull(check().check("Bearer " + token, Deadline.afterMillis(1_000)).refusal(), "within the default 60 s skew");

    clock.shift(Duration.ofSeconds(61));
    assertInvalid("The token has expired.", refusal("Bearer " + token));
  }

  @Test
  void theWrongAudienceOrIssuerOrNoExpiryIsRefusedNamingTheClaim() throws Exception {
    assertInvalid("The token is not meant for this service (aud).", refusal("Bearer " + sign(claims().audience("other").build(), key)));
    assertInvalid("The token's issuer is not accepted.", refusal("Bearer " + sign(claims().issuer("https://evil.example/").build(), key)));
    assertInvalid("The token has no expiry (exp).", refusal("Bearer " + sign(claims().expirationTime(null).build(), key)));
  }

  @Test
  void aTokenNotValidYetIsRefused() throws Exception {
    String token = sign(claims().notBeforeTime(Date.from(now.plusSeconds(600))).build(), key);

    assertInvalid("The token is not valid yet (nbf).", refusal("Bearer " + token));
  }

  @Test
  void aTokenLivingLongerThanTheMaximumIsRefused() throws Exception {
    TokenCheck capped = check(Map.of(Config.JWT_MAX_LIFETIME_SECONDS, "600"));
    String shortLived = sign(claims().build(), key);
    String longLived = sign(claims().expirationTime(Date.from(now.plusSeconds(3_600))).build(), key);

    assertNull(capped.check("Bearer " + shortLived, Deadline.afterMillis(1_000)).refusal());
    Answer refusal = capped.check("Bearer " + longLived, Deadline.afterMillis(1_000)).refusal();
    assertInvalid("The token lives too long (exp).", refusal);
  }
}
