package dev.vodauth.credentials;

/** Thrown when no source can provide VOD keys; the message names the source, never a secret. */
public final class CredentialsUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CredentialsUnavailableException(String message) {
    super(message);
  }

  public CredentialsUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
