package dev.vodauth.playauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.request.Checked;
import dev.vodauth.vod.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class CachedPlayKeyTest {
  private Instant now = Instant.parse("2026-01-01T00:00:00Z");
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(java.time.ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
  };
  private final Deque<Checked<PlayKey>> answers = new ArrayDeque<>();
  private int loads;
  private final PlayKeySource source = (client, deadline, keys) -> {
    loads++;
    return answers.removeFirst();
  };
  private final CachedPlayKey cached = CachedPlayKey.of(source, Duration.ofSeconds(300), clock);

  private PlayKey load() {
    Checked<PlayKey> k = cached.load(null, Deadline.afterMillis(1000), null);
    return k.isOk() ? k.value() : null;
  }

  @Test
  void keptForItsTimeToLiveThenReadAgain() {
    answers.add(Checked.ok(PlayKey.of("firstKey1")));
    answers.add(Checked.ok(PlayKey.of("secondKey2")));
    assertEquals("firstKey1", load().text());
    now = now.plusSeconds(299);
    assertEquals("firstKey1", load().text());
    assertEquals(1, loads);
    now = now.plusSeconds(1);
    assertEquals("secondKey2", load().text(), "a rotation is picked up after the TTL");
    assertEquals(2, loads);
  }

  @Test
  void aFailedRefreshKeepsTheKeyReadBeforeAndTriesAgainSoon() {
    Checked<PlayKey> failure = Checked.refused(Answer.error(ErrorKind.VOD_UNAVAILABLE, "down"));
    answers.add(Checked.ok(PlayKey.of("firstKey1")));
    answers.add(failure);
    answers.add(Checked.ok(PlayKey.of("secondKey2")));
    load();
    now = now.plusSeconds(301);
    assertEquals("firstKey1", load().text());
    now = now.plusSeconds(CachedPlayKey.RETRY_AFTER_FAILURE_SECONDS - 1);
    assertEquals("firstKey1", load().text());
    assertEquals(2, loads, "no read before the retry time");
    now = now.plusSeconds(1);
    assertEquals("secondKey2", load().text());
  }

  @Test
  void withNoKeyYetTheFailureIsTheAnswerForAWhileThenReadAgain() {
    answers.add(Checked.refused(Answer.error(ErrorKind.VOD_UNAVAILABLE, "down")));
    assertFalse(cached.load(null, Deadline.afterMillis(1000), null).isOk());
    now = now.plusSeconds(CachedPlayKey.RETRY_AFTER_FAILURE_SECONDS - 1);
    assertEquals("down", cached.load(null, Deadline.afterMillis(1000), null).error().message());
    assertEquals(1, loads, "no read while the failure is fresh");
    now = now.plusSeconds(1);
    answers.add(Checked.ok(PlayKey.of("firstKey1")));
    assertEquals("firstKey1", load().text());
    assertEquals(2, loads);
  }

  @Test
  void invalidateForgetsTheKeyAndAFailure() {
    answers.add(Checked.refused(Answer.error(ErrorKind.VOD_UNAVAILABLE, "down")));
    assertFalse(cached.load(null, Deadline.afterMillis(1000), null).isOk());
    cached.invalidate();
    answers.add(Checked.ok(PlayKey.of("firstKey1")));
    answers.add(Checked.ok(PlayKey.of("secondKey2")));
    load();
    cached.invalidate();
    assertEquals("secondKey2", load().text(), "a SnapStart restore reads the key again");
  }
}
