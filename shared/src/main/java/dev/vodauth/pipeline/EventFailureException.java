package dev.vodauth.pipeline;

import dev.vodauth.answer.ErrorKind;

/**
 * Thrown to fail an event invocation on a transient failure (throttling, VOD down, a timeout), so
 * that the platform retries it and in the end delivers it to the failure destination; also for a
 * batch that must not be answered (too many records for ordered answers, or an event source whose
 * answers nobody receives), so that its messages are kept, not taken as done. The message names
 * the function, the code and the VideoId or the cause: nothing secret.
 */
public final class EventFailureException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorKind kind;
  private final String code;

  public EventFailureException(String message, ErrorKind kind, String code) {
    super(message);
    this.kind = kind;
    this.code = code;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The code the failed call answered. */
  public String code() {
    return code;
  }
}
