package dev.vodauth.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.config.TokenSettings;
import dev.vodauth.vod.Deadline;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks the bearer token of an HTTP call (RFC 6750): a JWS signed with one of the issuer's
 * public keys (RSA or EC, never a shared secret nor {@code alg: none}), from the configured
 * issuer, for the configured audience, with an expiry, inside its validity (give or take the
 * allowed skew). Refusals are answers whose detail, for the log, says why; the token itself is
 * never written anywhere. Thread-safe.
 */
public final class TokenCheck {
  /** Public-key algorithms only: a token naming HS256 (say, keyed with our RSA key) is refused. */
  static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
      JWSAlgorithm.ES512);
  /** Far above any real token; keeps parsing cheap. */
  static final int MAX_TOKEN_CHARS = 8192;

  private static final TokenCheck OFF = new TokenCheck(null, null, null);

  private final TokenSettings settings;
  private final SigningKeys keys;
  private final Clock clock;

  private TokenCheck(TokenSettings settings, SigningKeys keys, Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.clock = clock;
  }

  /** No tokens: every caller is let through (the platform's own access control applies). */
  public static TokenCheck off() {
    return OFF;
  }

  /** Checks tokens as {@code settings} say, against {@code keys}, at times read from {@code clock}. */
  public static TokenCheck of(TokenSettings settings, SigningKeys keys, Clock clock) {
    return new TokenCheck(settings, keys, clock);
  }

  /** As the configuration says: off without {@code JWT_ISSUER}, else keys from {@code JWT_JWKS_URL}. */
  public static TokenCheck from(Config config, Clock clock) {
    if (!config.tokensOn()) return OFF;
    return of(config.tokens(), SigningKeys.fetchedFrom(config.tokens().jwksUrl(), clock), clock);
  }

  public boolean isOn() {
    return settings != null;
  }

  /**
   * Who is calling, from the {@code Authorization} header.
   *
   * @param deadline bounds a fetch of the issuer's keys, when one is needed
   */
  public Caller check(String authorization, Deadline deadline) {
    if (settings == null) return Caller.anyone();
    if (authorization == null || authorization.trim().isEmpty()) {
      return refuse(ErrorKind.MISSING_TOKEN, "A bearer token is required (Authorization: Bearer ...).",
          "no Authorization header");
    }
    String[] parts = authorization.trim().split("\\s+", 2);
    if (!parts[0].equalsIgnoreCase("Bearer")) {
      return refuse(ErrorKind.MISSING_TOKEN, "A bearer token is required (Authorization: Bearer ...).",
          "the Authorization header is not a Bearer one");
    }
    if (parts.length < 2 || parts[1].length() > MAX_TOKEN_CHARS) {
      return invalid("The token is malformed.", parts.length < 2 ? "an empty bearer token" : "a token over "
          + MAX_TOKEN_CHARS + " characters");
    }
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(parts[1]); // an unsecured token (alg: none) is not a JWS: refused here
    } catch (ParseException e) {
      return invalid("The token is malformed.", "not a signed JWT (JWS compact form)");
    }
    JWSHeader header = jwt.getHeader();
    if (!ACCEPTED.contains(header.getAlgorithm())) {
      return invalid("The token's signing algorithm is not accepted.", "algorithm not accepted (RSA and EC only)");
    }
    List<JWK> candidates;
    try {
      candidates = keys.candidates(header, deadline);
    } catch (KeysUnavailableException e) {
      return Caller.refused(Answer.error(ErrorKind.TOKEN_KEYS_UNAVAILABLE,
          "The token issuer's keys cannot be fetched now; try again later.").withDetail("token not checked: " + e.getMessage()));
    }
    if (candidates.isEmpty()) return invalid("The token is signed with an unknown key.", "no key of the issuer matches its kid and algorithm");
    if (!verifiesWithAny(jwt, candidates)) return invalid("The token's signature does not verify.", "bad signature");
    try {
      return checkClaims(jwt.getJWTClaimsSet());
    } catch (ParseException e) {
      return invalid("The token is malformed.", "its claims are not a JSON object");
    }
  }

  private static boolean verifiesWithAny(SignedJWT jwt, List<JWK> candidates) {
    for (JWK key : candidates) {
      try {
        JWSVerifier verifier;
        if (key instanceof RSAKey) {
          verifier = new RSASSAVerifier((RSAKey) key);
        } else if (key instanceof ECKey) {
          verifier = new ECDSAVerifier((ECKey) key);
        } else {
          continue; // the accepted algorithms are RSA and EC only
        }
        if (jwt.verify(verifier)) return true;
      } catch (JOSEException e) {
        // An unusable key (a curve not supported, a key too short): try the next one.
      }
    }
    return false;
  }

  private Caller checkClaims(JWTClaimsSet claims) {
    if (!settings.issuer().equals(claims.getIssuer())) {
      return invalid("The token's issuer is not accepted.", "iss is not " + settings.issuer());
    }
    if (claims.getAudience() == null || !claims.getAudience().contains(settings.audience())) {
      return invalid("The token is not meant for this service (aud).", "aud does not hold " + settings.audience());
    }
    Instant now = clock.instant();
    Date expiry = claims.getExpirationTime();
    if (expiry == null) return invalid("The token has no expiry (exp).", "no exp claim");
    if (!now.minusSeconds(settings.clockSkewSeconds()).isBefore(expiry.toInstant())) {
      return invalid("The token has expired.", "expired at " + expiry.toInstant() + " (skew " + settings.clockSkewSeconds() + " s)");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plusSeconds(settings.clockSkewSeconds()).isBefore(notBefore.toInstant())) {
      return invalid("The token is not valid yet (nbf).", "not valid before " + notBefore.toInstant());
    }
    Set<String> videos = settings.videoClaim() == null ? null : entitlement(claims.getClaim(settings.videoClaim()));
    return Caller.verified(claims.getSubject(), videos);
  }

  /** The videos a token's claim lists: a string or a list of strings; anything else lists none. */
  private static Set<String> entitlement(Object claim) {
    Set<String> videos = new HashSet<>();
    if (claim instanceof String) {
      videos.add((String) claim);
    } else if (claim instanceof List) {
      for (Object item : (List<?>) claim) {
        if (item instanceof String) videos.add((String) item);
      }
    }
    return videos;
  }

  private static Caller invalid(String message, String reason) {
    return refuse(ErrorKind.INVALID_TOKEN, message, reason);
  }

  private static Caller refuse(ErrorKind kind, String message, String reason) {
    return Caller.refused(Answer.error(kind, message).withDetail("token refused: " + reason));
  }
}
