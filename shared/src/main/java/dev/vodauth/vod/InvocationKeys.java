package dev.vodauth.vod;

import com.aliyuncs.auth.AlibabaCloudCredentials;
import com.aliyuncs.auth.AlibabaCloudCredentialsProvider;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.BasicSessionCredentials;
import dev.vodauth.credentials.VodCredentials;

/**
 * The SDK client's credentials provider: hands the SDK the keys {@link VodClient} chose for the
 * request being made on this thread.
 *
 * <p>The SDK asks its provider once per request, on the caller's thread. Going through a
 * thread-bound slot lets one client per container sign each call with that invocation's own keys
 * (FC hands every invocation the role's current STS keys), with no shared mutable state.
 */
final class InvocationKeys implements AlibabaCloudCredentialsProvider {
  private final ThreadLocal<VodCredentials> current = new ThreadLocal<>();

  void set(VodCredentials credentials) {
    current.set(credentials);
  }

  void clear() {
    current.remove();
  }

  @Override
  public AlibabaCloudCredentials getCredentials() {
    VodCredentials keys = current.get();
    if (keys == null) throw new IllegalStateException("no keys bound to this thread: call through VodClient");
    return keys.securityToken() == null
        ? new BasicCredentials(keys.accessKeyId(), keys.accessKeySecret())
        : new BasicSessionCredentials(keys.accessKeyId(), keys.accessKeySecret(), keys.securityToken());
  }
}
