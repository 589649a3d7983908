package dev.vodauth.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
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
 * allowed skew). The signature and the claims are checked by nimbus's {@link DefaultJWTProcessor}
 * with its {@link DefaultJWTClaimsVerifier}, against {@link SigningKeys}. Refusals are answers
 * whose detail, for the log, says why; the token itself is never written anywhere. Thread-safe.
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
  private final DefaultJWTProcessor<FetchDeadline> processor;
  private final Clock clock;

  private TokenCheck(TokenSettings settings, DefaultJWTProcessor<FetchDeadline> processor, Clock clock) {
    this.settings = settings;
    this.processor = processor;
    this.clock = clock;
  }

  /** No tokens: every caller is let through (the platform's own access control applies). */
  public static TokenCheck off() {
    return OFF;
  }

  /** Checks tokens as {@code settings} say, against {@code keys}, at times read from {@code clock}. */
  public static TokenCheck of(TokenSettings settings, SigningKeys keys, Clock clock) {
    DefaultJWTProcessor<FetchDeadline> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier((type, context) -> { }); // any typ: issuers write JWT, at+jwt or none
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ACCEPTED, keys));
    DefaultJWTClaimsVerifier<FetchDeadline> claims = new DefaultJWTClaimsVerifier<>(settings.audience(),
        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp")) {
      @Override
      protected Date currentTime() {
        return Date.from(clock.instant());
      }
    };
    claims.setMaxClockSkew(settings.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(claims);
    return new TokenCheck(settings, processor, clock);
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
    // Checked before the processor, which would take another algorithm for an unknown key.
    if (!ACCEPTED.contains(jwt.getHeader().getAlgorithm())) {
      return invalid("The token's signing algorithm is not accepted.", "algorithm not accepted (RSA and EC only)");
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(jwt, new FetchDeadline(deadline));
    } catch (KeySourceException e) {
      return Caller.refused(Answer.error(ErrorKind.TOKEN_KEYS_UNAVAILABLE,
          "The token issuer's keys cannot be fetched now; try again later.").withDetail("token not checked: " + e.getMessage()));
    } catch (BadJWSException e) {
      return invalid("The token's signature does not verify.", "bad signature");
    } catch (BadJWTException e) {
      return claimsRefused(e, jwt);
    } catch (BadJOSEException e) {
      return invalid("The token is signed with an unknown key.", "no key of the issuer matches its kid and algorithm");
    } catch (JOSEException e) {
      // A key of the issuer's that cannot verify (a curve or size not supported).
      return invalid("The token's signature does not verify.", "bad signature (" + e.getClass().getSimpleName() + ")");
    }
    int maxLifetime = settings.maxLifetimeSeconds();
    Instant expiry = claims.getExpirationTime().toInstant(); // required by the claims verifier
    if (maxLifetime > 0 && clock.instant().plusSeconds(maxLifetime + (long) settings.clockSkewSeconds()).isBefore(expiry)) {
      return invalid("The token lives too long (exp).", "expires at " + expiry + ", more than " + maxLifetime
          + " s from now (skew " + settings.clockSkewSeconds() + " s)");
    }
    Set<String> videos = settings.videoClaim() == null ? null : entitlement(claims.getClaim(settings.videoClaim()));
    return Caller.verified(claims.getSubject(), videos);
  }

  /**
   * Why the claims verifier refused: its exception names the rule; the claims are read again only
   * to say which values broke it (the signature verified, or they failed to parse).
   */
  private Caller claimsRefused(BadJWTException e, SignedJWT jwt) {
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException notJson) {
      return invalid("The token is malformed.", "its claims are not a JSON object");
    }
    if (e.getCause() instanceof ParseException) return invalid("The token is malformed.", "its claims are not a JSON object");
    String rule = String.valueOf(e.getMessage());
    if (e instanceof ExpiredJWTException) {
      return invalid("The token has expired.", "expired at " + claims.getExpirationTime().toInstant()
          + " (skew " + settings.clockSkewSeconds() + " s)");
    }
    if (rule.contains(" aud ")) {
      return invalid("The token is not meant for this service (aud).", "aud does not hold " + settings.audience());
    }
    if (rule.contains(" iss ")) return invalid("The token's issuer is not accepted.", "iss is not " + settings.issuer());
    if (rule.startsWith("JWT missing required claims")) return invalid("The token has no expiry (exp).", "no exp claim");
    if (claims.getNotBeforeTime() != null && rule.contains("before use time")) {
      return invalid("The token is not valid yet (nbf).", "not valid before " + claims.getNotBeforeTime().toInstant());
    }
    return invalid("The token's claims are not accepted.", "claims refused: " + rule);
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
