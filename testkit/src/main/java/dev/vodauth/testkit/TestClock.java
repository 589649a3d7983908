package dev.vodauth.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A UTC clock that stands still until the test moves it. */
public class TestClock extends Clock {
  /** The instant a test clock starts at unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2026-11-21T03:00:00Z");

  private volatile Instant now;

  /** Starts at {@link #DEFAULT_START}. */
  public TestClock() {
    this(DEFAULT_START);
  }

  public TestClock(Instant start) {
    this.now = start;
  }

  /** Starts at the real now: for tokens signed by a library that reads the system clock. */
  public static TestClock atNow() {
    return new TestClock(Instant.now());
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void shift(Duration by) {
    now = now.plus(by);
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
