package dev.vodauth.aws;

import dev.vodauth.testkit.TestClock;
import java.time.Instant;

/** The test kit's {@link TestClock} under the name tests used before the kit. */
public final class MutableClock extends TestClock {
  public MutableClock() {}

  public MutableClock(Instant start) {
    super(start);
  }
}
