package dev.vodauth.emulator;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** One scripted answer for {@link VodEmulator#enqueue}: a VOD error, a socket fault, or the usual answer, maybe late. */
public final class ScriptedResponse {
  enum Kind {
    ERROR,
    FAULT,
    NORMAL
  }

  private final Kind kind;
  private final int httpStatus;
  private final String code;
  private final String message;
  private final SocketEffect effect;
  private final long delayNanos;

  private ScriptedResponse(Kind kind, int httpStatus, String code, String message, SocketEffect effect, long delayNanos) {
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.code = code;
    this.message = message;
    this.effect = effect;
    this.delayNanos = delayNanos;
  }

  /** A VOD error body with this code and message, JSON or XML per the request's Format. */
  public static ScriptedResponse error(int httpStatus, String code, String message) {
    if (httpStatus < 200 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus out of range: " + httpStatus);
    }
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
    return new ScriptedResponse(Kind.ERROR, httpStatus, code, message, null, 0L);
  }

  /** VOD's per-user flow control, which it really sends with HTTP 400. */
  public static ScriptedResponse throttling() {
    return error(400, "Throttling.User", "Request was denied due to user flow control.");
  }

  /** A 500 {@code InternalError}, VOD's answer to its own trouble. */
  public static ScriptedResponse internalError() {
    return error(500, "InternalError",
        "The request processing has failed due to some unknown error, exception or failure.");
  }

  /** A 503 {@code ServiceUnavailable}. */
  public static ScriptedResponse serviceUnavailable() {
    return error(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.");
  }

  /** A transport fault instead of an answer. */
  public static ScriptedResponse fault(SocketEffect effect) {
    return new ScriptedResponse(Kind.FAULT, 0, null, null, Objects.requireNonNull(effect, "effect == null"), 0L);
  }

  /** The catalogue's usual answer; useful with {@link #withDelay}. */
  public static ScriptedResponse normal() {
    return new ScriptedResponse(Kind.NORMAL, 0, null, null, null, 0L);
  }

  /** A copy that waits this long after reading the request before answering (or faulting). */
  public ScriptedResponse withDelay(long amount, TimeUnit unit) {
    if (amount < 0) {
      throw new IllegalArgumentException("amount < 0: " + amount);
    }
    return new ScriptedResponse(kind, httpStatus, code, message, effect, unit.toNanos(amount));
  }

  Kind kind() {
    return kind;
  }

  int httpStatus() {
    return httpStatus;
  }

  String code() {
    return code;
  }

  String message() {
    return message;
  }

  SocketEffect effect() {
    return effect;
  }

  long delayNanos() {
    return delayNanos;
  }

  @Override
  public String toString() {
    switch (kind) {
      case ERROR:
        return "ScriptedResponse{" + httpStatus + " " + code + ", delay " + delayNanos + "ns}";
      case FAULT:
        return "ScriptedResponse{" + effect + ", delay " + delayNanos + "ns}";
      default:
        return "ScriptedResponse{normal, delay " + delayNanos + "ns}";
    }
  }
}
