package dev.vodauth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import dev.vodauth.testkit.TestClock;
import dev.vodauth.vod.Deadline;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The key cache's own promises: one fetch for many callers at once, no fetch past the deadline, no
 * key past its TTL.
 */
@Timeout(30)
class SigningKeysTest {
  private static final JWSHeader ES256_EC1 = new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build();

  @Test
  void manyCallersAtOnceShareOneFetch() throws Exception {
    JWKSet keys = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate().toPublicJWK());
    AtomicInteger fetches = new AtomicInteger();
    SigningKeys signingKeys = new SigningKeys(timeout -> {
      fetches.incrementAndGet();
      return keys;
    }, Clock.systemUTC());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Integer>> found = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      found.add(pool.submit(() -> {
        start.await();
        return candidates(signingKeys, Deadline.afterMillis(5_000)).size();
      }));
    }

    start.countDown();

    for (Future<Integer> f : found) assertEquals(1, f.get());
    assertEquals(1, fetches.get());
    pool.shutdown();
  }

  @Test
  void aStalledKeyServerIsGivenUpAtTheDeadline() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accept = new Thread(() -> {
        try (Socket ignored = silent.accept()) {
          Thread.sleep(30_000); // accepts and never answers
        } catch (Exception e) {
          // The test is over.
        }
      });
      accept.setDaemon(true);
      accept.start();
      SigningKeys signingKeys = SigningKeys.fetchedFrom(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/jwks"),
          Clock.systemUTC());
      long t0 = System.nanoTime();

      KeySourceException e = assertThrows(KeySourceException.class, () -> candidates(signingKeys, Deadline.afterMillis(300)));

      long tookMillis = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(tookMillis < 1_500, "gave up after " + tookMillis + " ms");
      assertTrue(e.getMessage().startsWith("the JWKS fetch failed: no answer within"), e.getMessage());
    }
  }

  @Test
  void aTricklingKeyServerIsCutOffAtTheDeadlineNotLeftReading() throws Exception {
    try (ServerSocket trickling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      java.util.concurrent.CountDownLatch cutOff = new java.util.concurrent.CountDownLatch(1);
      Thread server = new Thread(() -> {
        try (Socket client = trickling.accept()) {
          java.io.OutputStream out = client.getOutputStream();
          out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{".getBytes());
          for (int i = 0; i < 300; i++) { // a byte every 50 ms: each read is quick, the body never ends
            out.write(' ');
            out.flush();
            Thread.sleep(50);
          }
        } catch (java.io.IOException e) {
          cutOff.countDown(); // the fetcher closed the connection
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      server.setDaemon(true);
      server.start();
      SigningKeys signingKeys = SigningKeys.fetchedFrom(URI.create("http://127.0.0.1:" + trickling.getLocalPort() + "/jwks"),
          Clock.systemUTC());

      assertThrows(KeySourceException.class, () -> candidates(signingKeys, Deadline.afterMillis(300)));

      // Without closing the connection at the deadline, the worker would go on reading for 15 s.
      assertTrue(cutOff.await(3, java.util.concurrent.TimeUnit.SECONDS), "the fetch's connection was left open");
    }
  }

  @Test
  void keysAreNeverUsedPastTheirTtlEvenWhenTheRefreshesBeforeFailed() throws Exception {
    JWKSet keys = new JWKSet(new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate().toPublicJWK());
    AtomicInteger fetches = new AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
    TestClock clock = TestClock.atNow();
    SigningKeys signingKeys = new SigningKeys(timeout -> {
      fetches.incrementAndGet();
      if (down.get()) throw new java.io.IOException("HTTP 503");
      return keys;
    }, clock);
    assertEquals(1, candidates(signingKeys, Deadline.afterMillis(5_000)).size());
    down.set(true);

    clock.shift(SigningKeys.TTL.minus(SigningKeys.REFRESH_AHEAD).plusSeconds(10)); // inside the refresh-ahead window
    assertEquals(1, candidates(signingKeys, Deadline.afterMillis(5_000)).size(), "still within the TTL");
    for (int i = 0; i < 200 && fetches.get() < 2; i++) Thread.sleep(10); // the refresh ahead, in the background
    assertEquals(2, fetches.get(), "a refresh was tried before the keys expired");
    clock.shift(SigningKeys.REFRESH_AHEAD); // past the TTL of the only keys ever fetched

    assertThrows(KeySourceException.class, () -> candidates(signingKeys, Deadline.afterMillis(5_000)));
  }

  /** The keys that may have signed a token with {@link #ES256_EC1}'s header, as the token processor asks. */
  private static List<JWK> candidates(SigningKeys keys, Deadline deadline) throws KeySourceException {
    return keys.get(new JWKSelector(JWKMatcher.forJWSHeader(ES256_EC1)), new FetchDeadline(deadline));
  }
}
