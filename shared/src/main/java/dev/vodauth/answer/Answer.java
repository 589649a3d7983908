package dev.vodauth.answer;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What a function answers for one request: VOD's response, or an error with its kind, code and
 * message. Expected failures are answers, not exceptions.
 */
public final class Answer {
  private final ErrorKind kind;
  private final String code;
  private final String message;
  private final String requestId;
  private final ObjectNode body;
  private final int attempts;
  private final String detail;
  private final long vodMillis;

  private Answer(ErrorKind kind, String code, String message, String requestId, ObjectNode body, int attempts, String detail) {
    this(kind, code, message, requestId, body, attempts, detail, -1);
  }

  private Answer(ErrorKind kind, String code, String message, String requestId, ObjectNode body, int attempts, String detail,
      long vodMillis) {
    this.kind = kind;
    this.code = code;
    this.message = message;
    this.requestId = requestId;
    this.body = body;
    this.attempts = attempts;
    this.detail = detail;
    this.vodMillis = vodMillis;
  }

  /** VOD's response, field for field as VOD sent it. */
  public static Answer success(ObjectNode body) {
    Objects.requireNonNull(body, "body == null");
    return new Answer(null, null, null, body.path("RequestId").asText(null), body, 0, null);
  }

  /** An error of the function's own (bad input, VOD unreachable): the code is the kind's. */
  public static Answer error(ErrorKind kind, String message) {
    return new Answer(Objects.requireNonNull(kind, "kind == null"), kind.defaultCode(), message, null, null, 0, null);
  }

  /** An error VOD answered: VOD's code, message and request ID are passed on. */
  public static Answer vodError(ErrorKind kind, String code, String message, String vodRequestId) {
    Objects.requireNonNull(kind, "kind == null");
    return new Answer(kind, code == null ? kind.defaultCode() : code, message, vodRequestId, null, 0, null);
  }

  /** The same answer, recording how many VOD attempts it took. */
  public Answer withAttempts(int attempts) {
    return new Answer(kind, code, message, requestId, body, attempts, detail, vodMillis);
  }

  /**
   * The same answer with a detail for the operator: written to the log line, never to the caller
   * (it may name a secret's ARN or an environment variable; it must never hold a secret).
   */
  public Answer withDetail(String detail) {
    return new Answer(kind, code, message, requestId, body, attempts, detail, vodMillis);
  }

  /** The same answer, recording how long the VOD call took, its retries and backoff included. */
  public Answer withVodMillis(long millis) {
    return new Answer(kind, code, message, requestId, body, attempts, detail, millis);
  }

  /** Milliseconds spent calling VOD (retries and backoff included); -1 when VOD was not called. */
  public long vodMillis() {
    return vodMillis;
  }

  /**
   * The same answer with its code, message and detail passed through {@code clean} (the client cuts
   * the keys it signed with out of what VOD quotes). A success is kept as is.
   */
  public Answer withText(UnaryOperator<String> clean) {
    if (isSuccess()) return this;
    return new Answer(kind, apply(clean, code), apply(clean, message), requestId, body, attempts, apply(clean, detail), vodMillis);
  }

  private static String apply(UnaryOperator<String> clean, String text) {
    return text == null ? null : clean.apply(text);
  }

  /** The operator's detail, or null: for the log only. */
  public String detail() {
    return detail;
  }

  public boolean isSuccess() {
    return kind == null;
  }

  /** The error's kind; null for a success. */
  public ErrorKind kind() {
    return kind;
  }

  public int status() {
    return kind == null ? 200 : kind.status();
  }

  /** The error code answered; null for a success. */
  public String code() {
    return code;
  }

  public String message() {
    return message;
  }

  /** VOD's request ID, or null for the function's own errors (the platform's ID is used then). */
  public String vodRequestId() {
    return requestId;
  }

  /** VOD's response for a success (holds a credential: never log it); null for an error. */
  public ObjectNode body() {
    return body;
  }

  /** VOD calls made, 0 when the request was refused before any. */
  public int attempts() {
    return attempts;
  }

  @Override
  public String toString() {
    return isSuccess() ? "Answer{200, RequestId=" + requestId + "}" : "Answer{" + status() + ", " + code + "}";
  }
}
