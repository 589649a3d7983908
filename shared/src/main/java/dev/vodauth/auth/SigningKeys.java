package dev.vodauth.auth;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.vod.Deadline;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The issuer's public keys, fetched when first needed and cached per container: refetched after
 * {@link #TTL}, and early when a token names a key we do not hold (a rotation), at most once per
 * {@link #MIN_REFRESH_INTERVAL}. Keys past their TTL are never used, even when the issuer is
 * down: that answers 503 rather than trusting a key that may have been withdrawn.
 *
 * <p>Ages are read from a wall {@link Clock} on every use, so a SnapStart restore (a snapshot
 * taken hours ago) sees its cached keys as old as they are. Thread-safe: fetches are serialized,
 * reads are not.
 */
public final class SigningKeys {
  static final Duration TTL = Duration.ofMinutes(10);
  static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
  /** The most one fetch may take, so the VOD call after it keeps most of the invocation's time. */
  static final long MAX_FETCH_MILLIS = 2_000;
  /**
   * After a failed fetch, callers that need a fetch are refused at once for this long: during an
   * outage a container asks the issuer once per interval, not once per request, and no caller
   * queues behind another's doomed fetch. The refusal's Retry-After says as much.
   */
  static final Duration FAILED_FETCH_BACKOFF = Duration.ofSeconds(AnswerWriter.TOKEN_KEYS_RETRY_AFTER_SECONDS);

  private final KeySetFetcher fetcher;
  private final Clock clock;
  private volatile Snapshot snapshot;
  private volatile Instant lastAttempt;
  private volatile Instant lastFailure;

  SigningKeys(KeySetFetcher fetcher, Clock clock) {
    this.fetcher = fetcher;
    this.clock = clock;
  }

  /** The keys at {@code url}, fetched over HTTP(S). */
  public static SigningKeys fetchedFrom(java.net.URI url, Clock clock) {
    return new SigningKeys(new HttpKeySetFetcher(url), clock);
  }

  /** A fixed key set that never expires (priming, benchmarks): no network. */
  public static SigningKeys fixed(JWKSet keys) {
    Snapshot fixed = new Snapshot(keys, Instant.MAX);
    SigningKeys signingKeys = new SigningKeys(timeout -> keys, Clock.systemUTC());
    signingKeys.snapshot = fixed;
    return signingKeys;
  }

  /**
   * The keys that may have signed a token with this header (type, ID, curve and use matching),
   * refetching as described above; empty when none matches.
   *
   * @throws KeysUnavailableException when the keys are needed and cannot be fetched in time
   */
  List<JWK> candidates(JWSHeader header, Deadline deadline) throws KeysUnavailableException {
    JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
    Snapshot current = snapshot;
    Instant now = clock.instant();
    if (current == null || current.isExpiredAt(now)) current = refetch(current, deadline);
    List<JWK> found = selector.select(current.keys);
    if (found.isEmpty() && mayRefetchEarly(now)) found = selector.select(refetch(current, deadline).keys);
    return found;
  }

  private boolean mayRefetchEarly(Instant now) {
    Instant last = lastAttempt;
    return last == null || !now.isBefore(last.plus(MIN_REFRESH_INTERVAL));
  }

  private synchronized Snapshot refetch(Snapshot seen, Deadline deadline) throws KeysUnavailableException {
    if (snapshot != seen && snapshot != null && !snapshot.isExpiredAt(clock.instant())) {
      return snapshot; // another caller fetched while this one waited
    }
    Instant now = clock.instant();
    Instant failed = lastFailure;
    if (failed != null && now.isBefore(failed.plus(FAILED_FETCH_BACKOFF))) {
      throw new KeysUnavailableException("the JWKS fetch failed less than "
          + FAILED_FETCH_BACKOFF.getSeconds() + " s ago; not asking again yet");
    }
    lastAttempt = now;
    JWKSet keys;
    try {
      keys = fetcher.fetch(Math.min(MAX_FETCH_MILLIS, deadline.remainingMillis()));
    } catch (IOException e) {
      lastFailure = clock.instant();
      throw new KeysUnavailableException("the JWKS fetch failed: " + e.getMessage());
    } catch (RuntimeException e) {
      lastFailure = clock.instant();
      throw new KeysUnavailableException("the JWKS fetch failed: " + e.getClass().getSimpleName());
    }
    lastFailure = null;
    Snapshot fresh = new Snapshot(keys.toPublicJWKSet(), clock.instant().plus(TTL));
    snapshot = fresh;
    return fresh;
  }

  /** A fetched key set and the moment it stops being trusted. */
  private static final class Snapshot {
    final JWKSet keys;
    final Instant expires;

    Snapshot(JWKSet keys, Instant expires) {
      this.keys = keys;
      this.expires = expires;
    }

    boolean isExpiredAt(Instant now) {
      return !now.isBefore(expires);
    }
  }
}
