package dev.vodauth.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import dev.vodauth.credentials.VodCredentials;

/**
 * The function role's STS keys, as FC hands them to one invocation. They rotate, so they are read
 * on every invocation and never kept; FC gives empty strings when the function has no role.
 * https://www.alibabacloud.com/help/en/functioncompute/fc/user-guide/context-3-1
 */
final class RoleCredentials {
  private RoleCredentials() {}

  /** This invocation's role keys, or null when there are none (no role): use the container's. */
  static VodCredentials from(Context context) {
    Credentials keys = context == null ? null : context.getExecutionCredentials();
    if (keys == null || !VodCredentials.isComplete(keys.getAccessKeyId(), keys.getAccessKeySecret())) return null;
    return VodCredentials.of(keys.getAccessKeyId(), keys.getAccessKeySecret(), keys.getSecurityToken());
  }
}
