package dev.vodauth.credentials;

/**
 * Where VOD keys come from: the environment, a secret store, a platform's role. Implementations
 * load the keys afresh on each call; {@link CachedCredentials} adds the caching.
 */
public interface CredentialsSource {
  /**
   * Returns the current keys.
   *
   * @throws CredentialsUnavailableException when this source has none; its message names the
   *     source and never a secret
   */
  VodCredentials load();

  /** Forgets cached keys after VOD rejected them (rotation); sources without a cache ignore it. */
  default void invalidate() {}
}
