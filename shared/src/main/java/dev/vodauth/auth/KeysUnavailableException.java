package dev.vodauth.auth;

/** Thrown when the issuer's keys cannot be fetched and none usable are cached. */
final class KeysUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  KeysUnavailableException(String reason) {
    super(reason, null, false, false);
  }
}
