package dev.vodauth.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.aws.keys.AwsKeySource;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.log.MetricsSink;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;
import org.crac.Core;

/**
 * What one Lambda execution environment builds once and every invocation reuses: the shared
 * core's functions over one VOD client, the credentials behind it, and the SnapStart hooks.
 *
 * <p>Credentials: {@link AwsKeySource} (a Secrets Manager secret, or the environment).
 */
final class LambdaContainer {
  /**
   * {@code false} writes the log line without its CloudWatch EMF metadata (same fields, no custom
   * metrics, none of their cost); {@code true} by default.
   */
  static final String METRICS_EMBEDDED = "METRICS_EMBEDDED";

  private final VodFunctions functions;
  private final CredentialsSource credentials;
  private final SnapStartHooks hooks;

  private LambdaContainer(VodFunctions functions, CredentialsSource credentials, Consumer<String> warnings) {
    this.functions = functions;
    this.credentials = credentials;
    this.hooks = new SnapStartHooks(functions, credentials, warnings);
  }

  /** Lazily built on the first handler construction, which Lambda does in the init phase. */
  private static final class Holder {
    static final LambdaContainer INSTANCE = start(System.getenv());
  }

  static LambdaContainer instance() {
    return Holder.INSTANCE;
  }

  /**
   * Builds the environment's container and registers its SnapStart hooks. No priming in init: on
   * demand, the priming pass cost more than it saved the first invocation (BENCHMARKS.md, "Levers":
   * JVM start to first answer is shorter without it); with SnapStart, beforeCheckpoint primes.
   */
  static LambdaContainer start(Map<String, String> environment) {
    LambdaContainer container = create(environment, Clock.systemUTC(), System.out::println);
    // org.crac keeps resources by weak reference: the container holds the hooks strongly.
    Core.getGlobalContext().register(container.hooks);
    return container;
  }

  /** Builds a container whose log lines go to {@code logSink} (tests, benchmarks). */
  static LambdaContainer create(Map<String, String> environment, Clock clock, Consumer<String> logSink) {
    Config config = Config.from(environment);
    ObjectMapper json = new ObjectMapper();
    CredentialsSource credentials = AwsKeySource.from(environment, clock, json);
    VodFunctions functions = VodFunctions.create(config, VodClient.create(config, credentials, json),
        lambdaLog(config, metricsSink(environment, json), logSink, json), json, TokenCheck.from(config, Clock.systemUTC()),
        AwsKeySource.playKey(environment, clock, json));
    return new LambdaContainer(functions, credentials, logSink);
  }

  /**
   * The log on Lambda: each line is also a CloudWatch Embedded Metric Format document
   * ({@link EmbeddedMetrics}) unless {@code metrics} is null. Standard output is not reformatted
   * by the Java runtime under {@code LogFormat: JSON} (only its LambdaLogger is), so the line
   * reaches CloudWatch Logs as the JSON object EMF needs.
   */
  static InvocationLog lambdaLog(Config config, MetricsSink metrics, Consumer<String> logSink, ObjectMapper json) {
    InvocationLog log = InvocationLog.to(logSink, config.logLevel(), Clock.systemUTC(), json);
    return metrics == null ? log : log.withMetricsSink(metrics);
  }

  /** EMF in {@code METRICS_NAMESPACE} (checked even when off), or null with {@code METRICS_EMBEDDED=false}. */
  private static MetricsSink metricsSink(Map<String, String> environment, ObjectMapper json) {
    EmbeddedMetrics embedded = EmbeddedMetrics.from(environment, json);
    String value = environment.getOrDefault(METRICS_EMBEDDED, "").trim();
    if (value.isEmpty() || value.equalsIgnoreCase("true")) return embedded;
    if (value.equalsIgnoreCase("false")) return null;
    throw new IllegalArgumentException(METRICS_EMBEDDED + " must be true or false, got '" + value + "'");
  }

  VodFunctions functions() {
    return functions;
  }

  CredentialsSource credentials() {
    return credentials;
  }

  SnapStartHooks hooks() {
    return hooks;
  }
}
