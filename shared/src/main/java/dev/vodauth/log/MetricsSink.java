package dev.vodauth.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A platform that reads metrics off the invocation log: each line, already holding the metric
 * members of {@link InvocationMetrics}, passes through the sink just before it is written, and
 * the sink adds whatever the platform needs to count them. Where a sink is set, every line is
 * written whatever the log level (a dropped line would be a request not counted).
 *
 * <p>Without a sink (FC, the local runner) the members stay plain fields of the line.
 */
@FunctionalInterface
public interface MetricsSink {
  /** Adds the platform's members to {@code line}, written at {@code time}. */
  void addTo(ObjectNode line, Instant time);
}
