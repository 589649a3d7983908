package dev.vodauth.credentials;

import java.util.Map;
import java.util.Objects;

/**
 * Keys from {@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET} and the
 * optional {@code ALIBABA_CLOUD_SECURITY_TOKEN}: the fallback on every platform.
 */
public final class EnvironmentCredentials implements CredentialsSource {
  public static final String ACCESS_KEY_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
  public static final String ACCESS_KEY_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
  public static final String SECURITY_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

  private final Map<String, String> environment;

  private EnvironmentCredentials(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
  }

  public static EnvironmentCredentials from(Map<String, String> environment) {
    return new EnvironmentCredentials(environment);
  }

  /** True when the environment holds a complete key pair. */
  public boolean isPresent() {
    return VodCredentials.isComplete(environment.get(ACCESS_KEY_ID), environment.get(ACCESS_KEY_SECRET));
  }

  @Override
  public VodCredentials load() {
    if (!isPresent()) {
      throw new CredentialsUnavailableException(
          "no VOD keys in the environment (" + ACCESS_KEY_ID + ", " + ACCESS_KEY_SECRET + ")");
    }
    return VodCredentials.of(
        environment.get(ACCESS_KEY_ID), environment.get(ACCESS_KEY_SECRET), environment.get(SECURITY_TOKEN));
  }

  @Override
  public String toString() {
    return "EnvironmentCredentials";
  }
}
