package dev.vodauth.request;

import dev.vodauth.answer.Answer;
import java.util.Objects;

/** A value that passed its checks, or the error answer that says why it did not. */
public final class Checked<T> {
  private final T value;
  private final Answer error;

  private Checked(T value, Answer error) {
    this.value = value;
    this.error = error;
  }

  public static <T> Checked<T> ok(T value) {
    return new Checked<>(Objects.requireNonNull(value, "value == null"), null);
  }

  public static <T> Checked<T> refused(Answer error) {
    if (error.isSuccess()) throw new IllegalArgumentException("a refusal needs an error answer");
    return new Checked<>(null, error);
  }

  public boolean isOk() {
    return error == null;
  }

  /** The value; only when {@link #isOk()}. */
  public T value() {
    if (error != null) throw new IllegalStateException("refused: " + error);
    return value;
  }

  /** The error answer; only when not {@link #isOk()}. */
  public Answer error() {
    if (error == null) throw new IllegalStateException("not refused");
    return error;
  }
}
