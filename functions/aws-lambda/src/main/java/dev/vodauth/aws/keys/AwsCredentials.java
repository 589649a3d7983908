package dev.vodauth.aws.keys;

import java.util.Objects;

/** An AWS key pair with its session token, as the function's role hands them out; toString masks. */
final class AwsCredentials {
  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;

  private AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId == null");
    this.secretAccessKey = Objects.requireNonNull(secretAccessKey, "secretAccessKey == null");
    this.sessionToken = sessionToken == null || sessionToken.isEmpty() ? null : sessionToken;
  }

  /** {@code sessionToken} may be null or empty for long-term keys. */
  static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
    return new AwsCredentials(accessKeyId, secretAccessKey, sessionToken);
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

  @Override
  public String toString() {
    return "AwsCredentials{" + accessKeyId + ", secret ***" + (sessionToken == null ? "" : ", token ***") + "}";
  }
}
