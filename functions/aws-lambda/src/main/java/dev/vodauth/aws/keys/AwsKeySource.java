package dev.vodauth.aws.keys;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CachedCredentials;
import dev.vodauth.credentials.CredentialsChain;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.playauth.PlayKeySource;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Where a Lambda function's VOD keys come from. With {@value #SECRET_ARN} set, the AccessKey pair
 * in that Secrets Manager secret (read by a SigV4-signed {@code GetSecretValue} with the function
 * role's keys: {@link SecretsManagerCredentials}), kept by {@link CachedCredentials} for
 * {@value #SECRET_TTL_SECONDS} seconds (default 300) and dropped at once when VOD rejects it; the
 * {@code ALIBABA_CLOUD_ACCESS_KEY_*} environment variables are the fallback, and the only source
 * when no secret is named (development).
 */
public final class AwsKeySource {
  /** The ARN (or name) of the secret holding the Aliyun AccessKey pair. */
  public static final String SECRET_ARN = "VOD_SECRET_ARN";
  /** How long the secret's keys are kept before they are read again, in seconds. */
  public static final String SECRET_TTL_SECONDS = "VOD_SECRET_TTL_SECONDS";

  static final int DEFAULT_SECRET_TTL_SECONDS = 300;

  private AwsKeySource() {}

  /** The keys as the environment says; a bad setting fails the start with a message naming it. */
  public static CredentialsSource from(Map<String, String> environment, Clock clock, ObjectMapper json) {
    EnvironmentCredentials fromEnvironment = EnvironmentCredentials.from(environment);
    if (!SecretsManagerCredentials.isConfigured(environment)) return fromEnvironment;
    return CredentialsChain.of(
        CachedCredentials.of(SecretsManagerCredentials.from(environment, json, clock), secretTtl(environment), clock),
        fromEnvironment);
  }

  /**
   * play-auth's PlayKey from its secret's {@code PlayKey} field, with {@value
   * SecretsManagerPlayKey#IN_SECRET}{@code =true}; else null ({@code VOD_PLAY_KEY} or GetAppPlayKey).
   */
  public static PlayKeySource playKey(Map<String, String> environment, Clock clock, ObjectMapper json) {
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
}
