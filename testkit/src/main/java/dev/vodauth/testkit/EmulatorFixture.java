package dev.vodauth.testkit;

import dev.vodauth.emulator.VodEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A VOD emulator per test, as a JUnit 5 extension: registered on an instance field with
 * {@code @RegisterExtension}, it starts the emulator on first use (so a field initializer may
 * wire a harness to it), runs the checks added with {@link #afterEach(Runnable)}, and closes the
 * emulator after the test.
 */
public class EmulatorFixture implements AfterEachCallback {
  private final Consumer<VodEmulator> setUp;
  private final List<Runnable> checks = new ArrayList<>();
  private VodEmulator emulator;

  protected EmulatorFixture(Consumer<VodEmulator> setUp) {
    this.setUp = setUp;
  }

  /** An emulator with nothing in it (see {@link VodEmulator}). */
  public static EmulatorFixture empty() {
    return new EmulatorFixture(emulator -> {});
  }

  /** An emulator with the demo catalogue and account. */
  public static EmulatorFixture withDemoCatalogue() {
    return new EmulatorFixture(VodEmulator::withDemoCatalogue);
  }

  /** An emulator set up by {@code setUp} once started (videos, keys, scripted faults). */
  public static EmulatorFixture with(Consumer<VodEmulator> setUp) {
    return new EmulatorFixture(setUp);
  }

  /** The started emulator (started on the first call). */
  public synchronized VodEmulator emulator() {
    if (emulator == null) {
      try {
        emulator = new VodEmulator().start();
      } catch (IOException e) {
        throw new UncheckedIOException("the emulator did not start", e);
      }
      setUp.accept(emulator);
    }
    return emulator;
  }

  /** A check to run after the test, before the emulator closes (no secret in the logs, ...). */
  public EmulatorFixture afterEach(Runnable check) {
    checks.add(check);
    return this;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (context.getExecutionException().isEmpty()) checks.forEach(Runnable::run);
    } finally {
      close();
    }
  }

  /** Closes the emulator if it started; the fixture can start a new one afterwards. */
  public synchronized void close() {
    if (emulator != null) emulator.close();
    emulator = null;
  }
}
