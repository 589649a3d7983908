package dev.vodauth.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.log.LogRecord;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the metrics cost per call: one invocation's log line built and serialized, interleaved
 * call by call in one JVM, in three forms: the line as it was before the metrics (its fields
 * only), the line with the metric fields (FC, the runner), and the CloudWatch EMF line (Lambda).
 * Prints p50 and p90 of each and the ratios; the sink keeps only the length (no I/O is timed).
 *
 * <p>{@code mvn -B -q -pl functions/aws-lambda -am test-compile}, then {@code mvn -B -q -pl functions/aws-lambda exec:java
 * -Dexec.mainClass=dev.vodauth.aws.LogLineBenchmark -Dexec.classpathScope=test}
 * (arguments: warm-up rounds, measured rounds; default 200000 200000).
 */
public final class LogLineBenchmark {
  private static long sink;

  private LogLineBenchmark() {}

  public static void main(String[] args) {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    ObjectMapper json = new ObjectMapper();
    Consumer<String> keepLength = line -> sink += line.length();
    InvocationLog fields = InvocationLog.to(keepLength, "INFO", Clock.systemUTC(), json);
    InvocationLog emf = InvocationLog.to(keepLength, "INFO", Clock.systemUTC(), json)
        .withMetricsSink(EmbeddedMetrics.from(java.util.Map.of(), json));
    Runnable[] forms = {
      () -> before(json, keepLength), // the line before this change
      () -> fields.record(record()),
      () -> emf.record(record()),
    };
    long[][] times = new long[forms.length][rounds];
    for (int i = 0; i < warmup; i++) for (Runnable form : forms) form.run();
    for (int i = 0; i < rounds; i++) {
      for (int k = 0; k < forms.length; k++) {
        int f = (i + k) % forms.length; // rotate the order so that none always runs first
        long t = System.nanoTime();
        forms[f].run();
        times[f][i] = System.nanoTime() - t;
      }
    }
    String[] names = {"line before the metrics (fields only)", "line with the metric fields (FC, runner)",
        "CloudWatch EMF line (Lambda)"};
    double[] p50 = new double[forms.length];
    System.out.printf(Locale.ROOT, "Log line per call, %,d rounds after %,d warm-up, interleaved (java %s):%n",
        rounds, warmup, System.getProperty("java.version"));
    for (int f = 0; f < forms.length; f++) {
      long[] sorted = times[f].clone();
      Arrays.sort(sorted);
      p50[f] = sorted[rounds / 2] / 1000.0;
      System.out.printf(Locale.ROOT, "  %-42s p50 %.2f us, p90 %.2f us, %d bytes%n", names[f], p50[f],
          sorted[rounds * 9 / 10] / 1000.0, length(forms[f]));
    }
    System.out.printf(Locale.ROOT, "  EMF / fields only: %.2fx p50 (+%.2f us); EMF / before: %.2fx p50 (+%.2f us)%n",
        p50[2] / p50[1], p50[2] - p50[1], p50[2] / p50[0], p50[2] - p50[0]);
    if (sink == 42) System.out.println(); // keeps the lines from being optimised away
  }

  /** A play-auth success through VOD, as VodFunction records it. */
  private static LogRecord record() {
    return LogRecord.of("8476a536-e9f4-11e8-9739-2dfe598c3fcd", "play-auth", "function-url")
        .traceId("1-5759e988-bd862e3fe1be46a994272793")
        .videoId("5aa0bbf5e8a84c7fb7a3a0f5c1d20001")
        .outcome("Success", 200)
        .vod("25818875-5F78-4A13-BEF6-D7393642CA58", 1)
        .vodCall(1, 23)
        .durationMillis(25);
  }

  /**
   * The line as InvocationLog wrote it before the metrics: time, level and the record's fields
   * (written out here: the record's own writer is private to the log package).
   */
  private static void before(ObjectMapper json, Consumer<String> sink) {
    record(); // built as the other forms build it
    ObjectNode line = json.createObjectNode();
    line.put("time", Clock.systemUTC().instant().toString());
    line.put("level", "INFO");
    line.put("requestId", "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
    line.put("traceId", "1-5759e988-bd862e3fe1be46a994272793");
    line.put("function", "play-auth");
    line.put("trigger", "function-url");
    line.put("videoId", "5aa0bbf5e8a84c7fb7a3a0f5c1d20001");
    line.put("outcome", "Success");
    line.put("status", 200);
    line.put("durationMs", 25L);
    line.put("vodRequestId", "25818875-5F78-4A13-BEF6-D7393642CA58");
    line.put("attempts", 1);
    sink.accept(line.toString());
  }

  private static int length(Runnable form) {
    long before = sink;
    form.run();
    return (int) (sink - before);
  }
}
