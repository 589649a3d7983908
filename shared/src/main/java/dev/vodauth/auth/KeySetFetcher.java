package dev.vodauth.auth;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;

/** Fetches an issuer's public keys (a JWK set). One call, bounded by the time given. */
@FunctionalInterface
public interface KeySetFetcher {
  /**
   * @param timeoutMillis the most the whole fetch may take
   * @throws IOException when the keys cannot be had in time, or what came is not a JWK set; the
   *     message says why and holds no secret
   */
  JWKSet fetch(long timeoutMillis) throws IOException;
}
