package dev.vodauth.aws;

import java.time.Instant;
import java.util.Objects;

/** An AWS key pair with its session token and expiry, as the function's role hands them out; toString masks. */
final class AwsCredentials {
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final Instant expiration;

  private AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId == null");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
    this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
    this.expiration = expiration;
  }

  /** Keys without a known expiry; {@code sessionToken} may be null or empty for long-term keys. */
  static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
    return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, null);
  }

  static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
    return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken, expiration);
  }

  String accessKeyId() {
    return accessKeyId;
  }

  String secretAccessKey() {
    return secretAccessKey;
  }

  /** The session token, or null for long-term keys. */
  String sessionToken() {
    return sessionToken;
  }

  /** When the keys stop working, or null when not known. */
  Instant expiration() {
    return expiration;
  }

  @Override
  public String toString() {
    return "AwsCredentials{" + accessKeyId + ", secret ***" + (sessionToken == null ? "" : ", token ***")
        + (expiration == null ? "" : ", expires " + expiration) + "}";
  }
}
