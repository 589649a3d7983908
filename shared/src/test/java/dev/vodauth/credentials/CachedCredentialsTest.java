package dev.vodauth.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vodauth.testkit.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedCredentialsTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-11-29T12:00:00Z"));
  private final AtomicInteger loads = new AtomicInteger();
  private final CredentialsSource counting = () -> VodCredentials.of("id-" + loads.incrementAndGet(), "secret");
  private final CachedCredentials cached = CachedCredentials.of(counting, Duration.ofMinutes(5), clock);

  @Test
  void keysAreKeptForTheTimeToLive() {
    assertEquals("id-1", cached.load().accessKeyId());
    clock.shift(Duration.ofMinutes(4));
    assertEquals("id-1", cached.load().accessKeyId());
    clock.shift(Duration.ofMinutes(1));
    assertEquals("id-2", cached.load().accessKeyId());
    assertEquals(2, loads.get());
  }

  @Test
  void invalidateReloadsAtOnce() {
    cached.load();

    cached.invalidate();

    assertEquals("id-2", cached.load().accessKeyId());
  }

  @Test
  void environmentSourceNamesTheVariablesNotTheValues() {
    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> EnvironmentCredentials.from(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "only-the-id")).load());

    assertFalse(e.getMessage().contains("only-the-id"), e.getMessage());
    assertEquals("no VOD keys in the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)", e.getMessage());
  }

  @Test
  void chainAnswersTheFirstSourceWithKeys() {
    CredentialsSource empty = EnvironmentCredentials.from(Map.of());
    CredentialsSource env = EnvironmentCredentials.from(Map.of(
        "ALIBABA_CLOUD_ACCESS_KEY_ID", "env-id", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret", "ALIBABA_CLOUD_SECURITY_TOKEN", ""));

    VodCredentials keys = CredentialsChain.of(empty, env).load();

    assertEquals("env-id", keys.accessKeyId());
    assertEquals(null, keys.securityToken());
  }

  @Test
  void toStringShowsOnlyTheFirstFourCharactersOfTheId() {
    assertEquals("VodCredentials{accessKeyId=abcd****, sts}", VodCredentials.of("abcdefgh", "secret", "token").toString());
  }
}
