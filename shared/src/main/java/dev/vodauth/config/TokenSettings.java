package dev.vodauth.config;

import dev.vodauth.http.Loopback;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The caller-token (JWT) settings: whose tokens are accepted ({@code JWT_ISSUER}), for whom
 * ({@code JWT_AUDIENCE}), where the issuer's keys are ({@code JWT_JWKS_URL}), which claim lists
 * the videos a token may ask for ({@code JWT_VIDEO_CLAIM}) and the clock skew allowed.
 */
public final class TokenSettings {
  private final String issuer;
  private final String audience;
  private final URI jwksUrl;
  private final String videoClaim;
  private final int clockSkewSeconds;
  private final int maxLifetimeSeconds;

  private TokenSettings(String issuer, String audience, URI jwksUrl, String videoClaim, int clockSkewSeconds,
      int maxLifetimeSeconds) {
    this.issuer = issuer;
    this.audience = audience;
    this.jwksUrl = jwksUrl;
    this.videoClaim = videoClaim;
    this.clockSkewSeconds = clockSkewSeconds;
    this.maxLifetimeSeconds = maxLifetimeSeconds;
  }

  /**
   * The settings, or null when tokens are off (no issuer). The issuer, the audience and the JWKS
   * URL come together: one without the others is a half-done deployment and stops the start. The
   * audience is required so that a token the same issuer made for something else (an ID token, an
   * access token for another API) does not open these functions.
   */
  static TokenSettings from(String issuer, String audience, String jwksUrl, String videoClaim, int clockSkewSeconds,
      int maxLifetimeSeconds) {
    if (issuer == null) {
      for (String[] setting : new String[][] {{Config.JWT_JWKS_URL, jwksUrl}, {Config.JWT_AUDIENCE, audience},
          {Config.JWT_VIDEO_CLAIM, videoClaim},
          {Config.JWT_MAX_LIFETIME_SECONDS, maxLifetimeSeconds == 0 ? null : String.valueOf(maxLifetimeSeconds)}}) {
        if (setting[1] != null) {
          throw new IllegalArgumentException(Config.JWT_ISSUER + " must be set when " + setting[0]
              + " is (tokens are switched on by " + Config.JWT_ISSUER + ")");
        }
      }
      return null;
    }
    if (jwksUrl == null) {
      throw new IllegalArgumentException(Config.JWT_JWKS_URL + " must be set when " + Config.JWT_ISSUER
          + " is: the issuer's signing keys (JWKS) are read from there");
    }
    if (audience == null) {
      throw new IllegalArgumentException(Config.JWT_AUDIENCE + " must be set when " + Config.JWT_ISSUER
          + " is: only tokens meant for this service (aud) are accepted, not the issuer's tokens for anything else");
    }
    return new TokenSettings(issuer, audience, checkedJwksUrl(jwksUrl), videoClaim, clockSkewSeconds, maxLifetimeSeconds);
  }

  private static URI checkedJwksUrl(String value) {
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      uri = null;
    }
    boolean ok = uri != null && uri.getHost() != null && uri.getUserInfo() == null
        && ("https".equalsIgnoreCase(uri.getScheme())
            || ("http".equalsIgnoreCase(uri.getScheme()) && Loopback.isLoopback(uri.getHost())));
    if (!ok) {
      throw new IllegalArgumentException(Config.JWT_JWKS_URL + " must be an https:// URL (http:// only to a loopback"
          + " address), got '" + value + "'");
    }
    return uri;
  }

  /** The {@code iss} every token must carry. */
  public String issuer() {
    return issuer;
  }

  /** The {@code aud} a token must hold (never null). */
  public String audience() {
    return audience;
  }

  /** Where the issuer's public keys (a JWK set) are fetched from. */
  public URI jwksUrl() {
    return jwksUrl;
  }

  /** The claim listing the VideoIds a token may ask for, or null when any token may ask for any. */
  public String videoClaim() {
    return videoClaim;
  }

  /** Seconds of clock difference tolerated on {@code exp} and {@code nbf}. */
  public int clockSkewSeconds() {
    return clockSkewSeconds;
  }

  /**
   * The longest a token may still live ({@code exp} minus now, give or take the skew), or 0 for
   * no bound: with a bound, a token that never practically expires (a leaked one included) is
   * refused.
   */
  public int maxLifetimeSeconds() {
    return maxLifetimeSeconds;
  }
}
