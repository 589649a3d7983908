package dev.vodauth.credentials;

import java.util.Objects;

/** An Alibaba Cloud AccessKey pair, with the STS security token when the keys are temporary. */
public final class VodCredentials {
  private final String accessKeyId;
  private final String accessKeySecret;
  private final String securityToken;

  private VodCredentials(String accessKeyId, String accessKeySecret, String securityToken) {
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
    this.securityToken = securityToken;
  }

  /** Long-lived keys (a RAM user's AccessKey pair). */
  public static VodCredentials of(String accessKeyId, String accessKeySecret) {
    return of(accessKeyId, accessKeySecret, null);
  }

  /** Keys with an optional STS token; a blank token means long-lived keys. */
  public static VodCredentials of(String accessKeyId, String accessKeySecret, String securityToken) {
    if (isBlank(accessKeyId)) throw new IllegalArgumentException("accessKeyId is blank");
    if (isBlank(accessKeySecret)) throw new IllegalArgumentException("accessKeySecret is blank");
    return new VodCredentials(
        accessKeyId.trim(), accessKeySecret.trim(), isBlank(securityToken) ? null : securityToken.trim());
  }

  /** True when both the id and the secret are present: platforms hand out empty strings for "none". */
  public static boolean isComplete(String accessKeyId, String accessKeySecret) {
    return !isBlank(accessKeyId) && !isBlank(accessKeySecret);
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String accessKeySecret() {
    return accessKeySecret;
  }

  /** The STS token, or null for long-lived keys. */
  public String securityToken() {
    return securityToken;
  }

  /** The first four characters of the AccessKeyId: all that may ever be logged of a key. */
  public String maskedAccessKeyId() {
    return mask(accessKeyId);
  }

  private static String mask(String accessKeyId) {
    if (accessKeyId == null) return null;
    return accessKeyId.length() <= 4 ? "****" : accessKeyId.substring(0, 4) + "****";
  }

  private static boolean isBlank(String s) {
    return s == null || s.trim().isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VodCredentials)) return false;
    VodCredentials that = (VodCredentials) o;
    return accessKeyId.equals(that.accessKeyId)
        && accessKeySecret.equals(that.accessKeySecret)
        && Objects.equals(securityToken, that.securityToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(accessKeyId, accessKeySecret, securityToken);
  }

  @Override
  public String toString() {
    return "VodCredentials{accessKeyId=" + maskedAccessKeyId() + (securityToken != null ? ", sts" : "") + "}";
  }
}
