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
 * {@link InvocationMetrics} (and what a {@link MetricsSink} adds) can appear, none of which can
 * hold a PlayAuth, an UploadAuth, an UploadAddress, a secret, a token or a signature.
 *
 * <p>With a {@link MetricsSink} (Lambda's) each line also carries the platform's metrics. They
 * count every invocation and the alarms read them, so they do not depend on the level: a line the
 * level drops (with {@code OFF}, every line) is still written, holding the metrics alone and none
 * of the log's own fields.
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
  private final MetricsSink metrics;
  private final AtomicBoolean coldStart = new AtomicBoolean(true);

  private InvocationLog(Consumer<String> sink, Level threshold, Clock clock, ObjectMapper json, MetricsSink metrics) {
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.threshold = threshold;
    this.clock = clock;
    this.json = json;
    this.metrics = metrics;
  }

  /** A log on standard output, where both platforms collect it. */
  public static InvocationLog toStandardOutput(String level, ObjectMapper json) {
    return to(System.out::println, level, Clock.systemUTC(), json);
  }

  public static InvocationLog to(Consumer<String> sink, String level, Clock clock, ObjectMapper json) {
    return new InvocationLog(sink, Level.valueOf(level.toUpperCase(Locale.ROOT)), clock, json, null);
  }

  /** The same log, each line also passed through {@code metrics} (what the Lambda adapter sets). */
  public InvocationLog withMetricsSink(MetricsSink metrics) {
    return new InvocationLog(sink, threshold, clock, json, Objects.requireNonNull(metrics, "metrics == null"));
  }

  public void record(LogRecord record) {
    boolean first = coldStart.getAndSet(false);
    Level level = record.level();
    boolean logged = threshold != Level.OFF && level.ordinal() >= threshold.ordinal();
    if (metrics == null && !logged) return;
    Instant now = clock.instant();
    ObjectNode line = json.createObjectNode();
    line.put("time", now.toString());
    line.put("level", level.name());
    if (logged) record.writeTo(line);
    InvocationMetrics.writeMembers(record, first, line);
    if (metrics != null) metrics.addTo(line, now);
    sink.accept(line.toString());
  }
}
