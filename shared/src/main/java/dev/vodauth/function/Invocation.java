package dev.vodauth.function;

import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.vod.Deadline;
import java.util.Objects;

/** What the platform tells about one invocation: its ID, its trigger, its time, its keys, its trace. */
public final class Invocation {
  /** Time kept back from the platform's deadline to write the answer and the log line. */
  static final long ANSWER_RESERVE_MILLIS = 100;

  private final String requestId;
  private final String trigger;
  private final Deadline deadline;
  private final VodCredentials credentials;
  private final String traceId;

  private Invocation(String requestId, String trigger, Deadline deadline, VodCredentials credentials, String traceId) {
    this.requestId = Objects.requireNonNull(requestId, "requestId == null");
    this.trigger = Objects.requireNonNull(trigger, "trigger == null");
    this.deadline = Objects.requireNonNull(deadline, "deadline == null");
    this.credentials = credentials;
    this.traceId = traceId;
  }

  /**
   * An invocation with {@code remainingMillis} left, as the platform says (Lambda's
   * getRemainingTimeInMillis, FC's function timeout).
   */
  public static Invocation of(String requestId, String trigger, long remainingMillis) {
    return new Invocation(requestId, trigger, Deadline.afterMillis(remainingMillis - ANSWER_RESERVE_MILLIS), null, null);
  }

  /** The same invocation, signing its VOD calls with keys the platform gave it (FC's role). */
  public Invocation withCredentials(VodCredentials credentials) {
    return new Invocation(requestId, trigger, deadline, credentials, traceId);
  }

  /** The same invocation, with the platform's trace ID (Lambda's X-Ray trace) for the log line. */
  public Invocation withTraceId(String traceId) {
    return new Invocation(requestId, trigger, deadline, credentials, traceId);
  }

  public String requestId() {
    return requestId;
  }

  /** How it was invoked: function-url, http-trigger, eventbridge, direct, ... */
  public String trigger() {
    return trigger;
  }

  public Deadline deadline() {
    return deadline;
  }

  /** The platform's trace ID, or null where it has none (FC's request ID is its trace). */
  public String traceId() {
    return traceId;
  }

  /** The platform's keys for this invocation, or null to use the container's. */
  public VodCredentials credentials() {
    return credentials;
  }
}
