package dev.vodauth.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import dev.vodauth.answer.AnswerWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The issuer's public keys, as the key source of nimbus's token processor: nimbus's
 * {@link JWKSourceBuilder} cache keeps them for {@link #TTL} (one fetch for many callers at once)
 * and refreshes them in the background {@link #REFRESH_AHEAD} before they expire. Keys past their
 * TTL are never used, even when the issuer is down: that answers 503 rather than trusting a key
 * that may have been withdrawn.
 *
 * <p>Ours, because the tests pin what the library does not do: each fetch is bounded by the
 * invocation's deadline and at most {@link #MAX_FETCH_MILLIS} ({@link HttpKeySetFetcher}: nimbus's
 * retriever has fixed per-read timeouts, which a trickling server outlasts); after a failed fetch
 * callers are refused at once for {@link #FAILED_FETCH_BACKOFF}; a token naming a key we do not
 * hold refetches early at most once per {@link #MIN_REFRESH_INTERVAL} (nimbus's rate limiter lets
 * two fetches through per interval and counts every fetch, so it can meet neither); nimbus's
 * outage tolerance is off, as it would serve keys past their TTL. Times come from a wall
 * {@link Clock} on every use, so a SnapStart restore (a snapshot taken hours ago) sees its cached
 * keys as old as they are. Thread-safe.
 */
public final class SigningKeys implements JWKSource<FetchDeadline> {
  static final Duration TTL = Duration.ofMinutes(10);
  static final Duration REFRESH_AHEAD = Duration.ofSeconds(30);
  static final Duration MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
  /** The most one fetch may take, so the VOD call after it keeps most of the invocation's time. */
  static final long MAX_FETCH_MILLIS = 2_000;
  /** How long a caller waits for another caller's fetch: that fetch's most, and a little. */
  static final long WAIT_FOR_FETCH_MILLIS = MAX_FETCH_MILLIS + 500;
  /**
   * After a failed fetch, callers that need a fetch are refused at once for this long: during an
   * outage a container asks the issuer once per interval, not once per request, and no caller
   * queues behind another's doomed fetch. The refusal's Retry-After says as much.
   */
  static final Duration FAILED_FETCH_BACKOFF = Duration.ofSeconds(AnswerWriter.TOKEN_KEYS_RETRY_AFTER_SECONDS);

  /** Set on the refresh-ahead thread: its fetch belongs to no invocation, so only the cap bounds it. */
  private static final ThreadLocal<Boolean> REFRESHING_AHEAD = ThreadLocal.withInitial(() -> false);

  private final JWKSource<FetchDeadline> source;

  private SigningKeys(JWKSource<FetchDeadline> source) {
    this.source = source;
  }

  SigningKeys(KeySetFetcher fetcher, Clock clock) {
    Fetches fetches = new Fetches(fetcher, clock);
    ExecutorService refreshAhead = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(() -> {
        REFRESHING_AHEAD.set(true);
        runnable.run();
      }, "jwks-refresh-ahead");
      thread.setDaemon(true);
      return thread;
    });
    JWKSource<FetchDeadline> built = JWKSourceBuilder.create(fetches)
        .cache(TTL.toMillis(), WAIT_FOR_FETCH_MILLIS)
        .refreshAheadCache(REFRESH_AHEAD.toMillis(), null, refreshAhead, true, null, false)
        .rateLimited(false)
        .outageTolerant(false)
        .build();
    // The builder's own front reads System.currentTimeMillis() and refetches on every unknown key:
    // the cache behind it is used with our clock and our early-refetch rule instead.
    JWKSetSource<FetchDeadline> cache = ((JWKSetBasedJWKSource<FetchDeadline>) built).getJWKSetSource();
    this.source = (selector, context) -> {
      long now = clock.millis();
      JWKSet keys = cache.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, context);
      List<JWK> found = selector.select(keys);
      if (found.isEmpty() && fetches.mayRefetchEarly(clock.instant())) {
        found = selector.select(cache.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), now, context));
      }
      return found;
    };
  }

  /** The keys at {@code url}, fetched over HTTP(S). */
  public static SigningKeys fetchedFrom(java.net.URI url, Clock clock) {
    return new SigningKeys(new HttpKeySetFetcher(url), clock);
  }

  /** A fixed key set that never expires (priming, benchmarks): no network. */
  public static SigningKeys fixed(JWKSet keys) {
    return new SigningKeys(new ImmutableJWKSet<>(keys.toPublicJWKSet()));
  }

  /**
   * The keys that may have signed a token (the selector matches its header), refetching as
   * described above; empty when none matches.
   *
   * @throws KeySourceException when the keys are needed and cannot be fetched in time
   */
  @Override
  public List<JWK> get(JWKSelector selector, FetchDeadline context) throws KeySourceException {
    return source.get(selector, context);
  }

  /** Fetches through {@link KeySetFetcher}, within the caller's deadline, and keeps the back-off after a failure. */
  private static final class Fetches implements JWKSetSource<FetchDeadline> {
    private final KeySetFetcher fetcher;
    private final Clock clock;
    private volatile Instant lastAttempt;
    private volatile Instant lastFailure;

    Fetches(KeySetFetcher fetcher, Clock clock) {
      this.fetcher = fetcher;
      this.clock = clock;
    }

    boolean mayRefetchEarly(Instant now) {
      Instant last = lastAttempt;
      return last == null || !now.isBefore(last.plus(MIN_REFRESH_INTERVAL));
    }

    /** Called by the cache only, one call at a time. */
    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refresh, long currentTime, FetchDeadline deadline)
        throws KeySourceException {
      Instant now = clock.instant();
      Instant failed = lastFailure;
      if (failed != null && now.isBefore(failed.plus(FAILED_FETCH_BACKOFF))) {
        throw new JWKSetUnavailableException("the JWKS fetch failed less than "
            + FAILED_FETCH_BACKOFF.getSeconds() + " s ago; not asking again yet");
      }
      lastAttempt = now;
      long timeout = REFRESHING_AHEAD.get() || deadline == null
          ? MAX_FETCH_MILLIS : Math.min(MAX_FETCH_MILLIS, deadline.remainingMillis());
      JWKSet keys;
      try {
        keys = fetcher.fetch(timeout);
      } catch (IOException e) {
        lastFailure = clock.instant();
        throw new JWKSetUnavailableException("the JWKS fetch failed: " + e.getMessage());
      } catch (RuntimeException e) {
        lastFailure = clock.instant();
        throw new JWKSetUnavailableException("the JWKS fetch failed: " + e.getClass().getSimpleName());
      }
      lastFailure = null;
      return keys.toPublicJWKSet();
    }

    @Override
    public void close() {
      // Nothing held: the HTTP client is the fetcher's, for the container's life.
    }
  }
}
