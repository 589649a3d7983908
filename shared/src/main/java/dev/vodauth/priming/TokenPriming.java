package dev.vodauth.priming;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vodauth.auth.SigningKeys;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.config.TokenSettings;
import java.time.Clock;
import java.util.Date;

/**
 * A token check for priming: the configured rules, a key made up on the spot (RS256, what most
 * issuers use) and a token it signed, so the whole token path runs before the first real call
 * without any network and without any real key.
 */
final class TokenPriming {
  private final TokenCheck check;
  private final String authorization;

  private TokenPriming(TokenCheck check, String authorization) {
    this.check = check;
    this.authorization = authorization;
  }

  static TokenPriming of(TokenSettings settings) {
    try {
      RSAKey key = new RSAKeyGenerator(2048).keyID("priming").generate();
      Date now = new Date();
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(settings.issuer()).subject("priming")
          .issueTime(now).notBeforeTime(now).expirationTime(new Date(now.getTime() + 300_000));
      claims.audience(settings.audience()); // required whenever tokens are on
      if (settings.videoClaim() != null) claims.claim(settings.videoClaim(), "*");
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("priming").build(), claims.build());
      jwt.sign(new RSASSASigner(key));
      TokenCheck check = TokenCheck.of(settings, SigningKeys.fixed(new JWKSet(key.toPublicJWK())), Clock.systemUTC());
      return new TokenPriming(check, "Bearer " + jwt.serialize());
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot make a priming key", e);
    }
  }

  /** The configured checks, trusting only the made-up key. */
  TokenCheck check() {
    return check;
  }

  /** An Authorization header the check accepts. */
  String authorization() {
    return authorization;
  }
}
