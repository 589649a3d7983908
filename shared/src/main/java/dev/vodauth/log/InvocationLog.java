package dev.vodauth.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes one JSON line per invocation. Only the fields of {@link LogRecord} and the metrics of
 * {@link InvocationMetrics} can appear, none of which can hold a PlayAuth, an UploadAuth, an
 * UploadAddress, a secret, a token or a signature.
 *
 * <p>With {@link #withEmbeddedMetrics} (Lambda) each line is also a CloudWatch Embedded Metric
 * Format document. Its metrics count every invocation, so then a line is written whatever its
 * level (but not with {@code OFF}): a threshold above INFO would drop the successes' counts.
 *
 * <p>Thread-safe when its sink is (standard output is). One per container: its first line is the
 * container's cold start (priming runs on a twin with a log of its own).
 */
public final class InvocationLog {
  /** Levels in increasing severity; OFF writes nothing. */
  public enum Level { DEBUG, INFO, WARN, ERROR, OFF }

  private final Consumer<String> sink;
  private final Level threshold;
  private final Clock clock;
  private final ObjectMapper json;
  private final InvocationMetrics embedded;
  private final AtomicBoolean coldStart = new AtomicBoolean(true);

  private InvocationLog(Consumer<String> sink, Level threshold, Clock clock, ObjectMapper json, InvocationMetrics embedded) {
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.threshold = threshold;
    this.clock = clock;
    this.json = json;
    this.embedded = embedded;
  }

  /** A log on standard output, where both platforms collect it. */
  public static InvocationLog toStandardOutput(String level, ObjectMapper json) {
    return to(System.out::println, level, Clock.systemUTC(), json);
  }

  public static InvocationLog to(Consumer<String> sink, String level, Clock clock, ObjectMapper json) {
    return new InvocationLog(sink, Level.valueOf(level.toUpperCase(Locale.ROOT)), clock, json, null);
  }

  /**
   * The same log, each line also a CloudWatch EMF document in {@code namespace}: what the Lambda
   * adapter turns on (CloudWatch Logs extracts the metrics from the function's standard output).
   */
  public InvocationLog withEmbeddedMetrics(String namespace) {
    return new InvocationLog(sink, threshold, clock, json, InvocationMetrics.embedded(namespace, json));
  }

  public void record(LogRecord record) {
    boolean first = coldStart.getAndSet(false);
    Level level = record.level();
    if (threshold == Level.OFF) return;
    if (embedded == null && level.ordinal() < threshold.ordinal()) return;
    Instant now = clock.instant();
    ObjectNode line = json.createObjectNode();
    line.put("time", now.toString());
    line.put("level", level.name());
    record.writeTo(line);
    InvocationMetrics.writeMembers(record, first, line);
    if (embedded != null) line.set("_aws", embedded.metadata(now.toEpochMilli(), record.vodMillis().length > 0,
        record.playAuthType() != null));
    sink.accept(line.toString());
  }
}
