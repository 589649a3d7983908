package dev.vodauth.emulator;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The AccessKey pairs the emulator accepts, STS ones with their SecurityToken, and the tokens it has expired. */
final class Credentials {
  /** One key pair; token is null for a long-term AccessKey. */
  static final class Key {
    final String id;
    final String secret;
    final String token;

    Key(String id, String secret, String token) {
      this.id = id;
      this.secret = secret;
      this.token = token;
    }
  }

  private final Map<String, Key> keys = new ConcurrentHashMap<>();
  private final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();

  void add(String id, String secret, String token) {
    keys.put(id, new Key(id, secret, token));
  }

  void remove(String id) {
    keys.remove(id);
  }

  /** The key with this ID, or null (also for a null ID). */
  Key find(String id) {
    return id == null ? null : keys.get(id);
  }

  void expire(String token) {
    expiredTokens.add(token);
  }

  boolean isExpired(String token) {
    return token != null && expiredTokens.contains(token);
  }
}
