package dev.vodauth.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CachedCredentials;
import dev.vodauth.credentials.CredentialsChain;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.playauth.PlayKeySource;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.crac.Core;

/**
 * What one Lambda execution environment builds once and every invocation reuses: the shared
 * core's functions over one VOD client, the credentials behind it, and the SnapStart hooks.
 *
 * <p>Credentials: with {@value #SECRET_ARN} set, the AccessKey pair in that Secrets Manager
 * secret (read by a SigV4-signed {@code GetSecretValue} with the function role's keys:
 * {@link SecretsManagerCredentials}), cached for {@value #SECRET_TTL_SECONDS} seconds (default
 * 300) and dropped at once when VOD rejects it; the
 * {@code ALIBABA_CLOUD_ACCESS_KEY_*} environment variables are the fallback, and the only
 * source when no secret is named (development).
 */
final class LambdaContainer {
  /** The ARN (or name) of the secret holding the Aliyun AccessKey pair. */
  static final String SECRET_ARN = "VOD_SECRET_ARN";
  /** How long the secret's keys are kept before they are read again, in seconds. */
  static final String SECRET_TTL_SECONDS = "VOD_SECRET_TTL_SECONDS";

  static final int DEFAULT_SECRET_TTL_SECONDS = 300;
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
    CredentialsSource credentials = credentials(environment, clock, json);
    VodFunctions functions = VodFunctions.create(config, VodClient.create(config, credentials, json),
        lambdaLog(config, embeddedMetrics(environment), logSink, json), json, TokenCheck.from(config, Clock.systemUTC()),
        secretPlayKey(environment, clock, json));
    return new LambdaContainer(functions, credentials, logSink);
  }

  /**
   * The log on Lambda: each line is also a CloudWatch Embedded Metric Format document, which
   * CloudWatch Logs turns into metrics in {@code METRICS_NAMESPACE}. Standard output is not
   * reformatted by the Java runtime under {@code LogFormat: JSON} (only its LambdaLogger is), so
   * the line reaches CloudWatch Logs as the JSON object EMF needs.
   */
  static InvocationLog lambdaLog(Config config, boolean embeddedMetrics, Consumer<String> logSink, ObjectMapper json) {
    InvocationLog log = InvocationLog.to(logSink, config.logLevel(), Clock.systemUTC(), json);
    return embeddedMetrics ? log.withEmbeddedMetrics(config.metricsNamespace()) : log;
  }

  private static boolean embeddedMetrics(Map<String, String> environment) {
    String value = environment.getOrDefault(METRICS_EMBEDDED, "").trim();
    if (value.isEmpty() || value.equalsIgnoreCase("true")) return true;
    if (value.equalsIgnoreCase("false")) return false;
    throw new IllegalArgumentException(METRICS_EMBEDDED + " must be true or false, got '" + value + "'");
  }

  static CredentialsSource credentials(Map<String, String> environment, Clock clock, ObjectMapper json) {
    EnvironmentCredentials fromEnvironment = EnvironmentCredentials.from(environment);
    if (!SecretsManagerCredentials.isConfigured(environment)) return fromEnvironment;
    return CredentialsChain.of(
        CachedCredentials.of(SecretsManagerCredentials.from(environment, json, clock), secretTtl(environment), clock),
        fromEnvironment);
  }

  /** play-auth's PlayKey from its secret, with {@code VOD_PLAY_KEY_IN_SECRET=true}; else null. */
  static PlayKeySource secretPlayKey(Map<String, String> environment, Clock clock, ObjectMapper json) {
    String value = environment.getOrDefault(SecretsManagerPlayKey.IN_SECRET, "").trim();
    if (value.isEmpty() || value.equalsIgnoreCase("false")) return null;
    if (!value.equalsIgnoreCase("true")) {
      throw new IllegalArgumentException(SecretsManagerPlayKey.IN_SECRET + " must be true or false, got '" + value + "'");
    }
    if (!SecretsManagerCredentials.isConfigured(environment)) {
      throw new IllegalArgumentException(SecretsManagerPlayKey.IN_SECRET + "=true needs " + SECRET_ARN + ": the PlayKey is"
          + " that secret's PlayKey field");
    }
    return new SecretsManagerPlayKey(SecretsManagerCredentials.from(environment, json, clock));
  }

  private static Duration secretTtl(Map<String, String> environment) {
    String value = environment.get(SECRET_TTL_SECONDS);
    if (value == null || value.trim().isEmpty()) return Duration.ofSeconds(DEFAULT_SECRET_TTL_SECONDS);
    try {
      long seconds = Long.parseLong(value.trim());
      if (seconds >= 1 && seconds <= 86_400) return Duration.ofSeconds(seconds);
    } catch (NumberFormatException ignored) {
      // Falls through to the message below, which shows the rule.
    }
    throw new IllegalArgumentException(
        SECRET_TTL_SECONDS + " must be a whole number of seconds between 1 and 86400, got '" + value + "'");
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
