package dev.vodauth.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes one JSON line per invocation. Only the fields of {@link LogRecord} can appear, none of
 * which can hold a PlayAuth, an UploadAuth, an UploadAddress, a secret, a token or a signature.
 *
 * <p>Thread-safe when its sink is (standard output is).
 */
public final class InvocationLog {
  /** Levels in increasing severity; OFF writes nothing. */
  public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

  private final Consumer<String> sink;
  private final Level threshold;
  private final Clock clock;
  private final ObjectMapper json;

  private InvocationLog(Consumer<String> sink, Level threshold, Clock clock, ObjectMapper json) {
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.threshold = threshold;
    this.clock = clock;
    this.json = json;
  }

  /** A log on standard output, where both platforms collect it. */
  public static InvocationLog toStandardOutput(String level, ObjectMapper json) {
    return to(System.out::println, level, Clock.systemUTC(), json);
  }

  public static InvocationLog to(Consumer<String> sink, String level, Clock clock, ObjectMapper json) {
    return new InvocationLog(sink, Level.valueOf(level.toUpperCase(Locale.ROOT)), clock, json);
  }

  public void record(LogRecord record) {
    Level level = record.level();
    if (threshold == Level.OFF || level.ordinal() < threshold.ordinal()) return;
    ObjectNode line = json.createObjectNode();
    line.put("time", clock.instant().toString());
    line.put("level", level.name());
    record.writeTo(line);
    sink.accept(line.toString());
  }
}
