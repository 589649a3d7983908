package dev.vodauth.log;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The fields of one invocation's log line. Set what is known; nulls are left out. */
public final class LogRecord {
  private static final java.util.regex.Pattern PLAUSIBLE_VIDEO_ID = java.util.regex.Pattern.compile("[A-Za-z0-9]{1,64}");

  private final String requestId;
  private final String function;
  private final String trigger;
  private String traceId;
  private String videoId;
  private String subject;
  private String outcome;
  private int status;
  private long durationMillis;
  private String vodRequestId;
  private int attempts;
  private Integer results;
  private Integer failures;
  private String message;
  private boolean defect;
  private int vodAttempts;
  private long[] vodMillis = new long[0];
  private String playAuthType;

  private LogRecord(String requestId, String function, String trigger) {
    this.requestId = requestId;
    this.function = function;
    this.trigger = trigger;
  }

  public static LogRecord of(String requestId, String function, String trigger) {
    return new LogRecord(requestId, function, trigger);
  }

  /** The VideoId the caller sent; kept only when it is a plausible ID (it is caller input). */
  public LogRecord videoId(String videoId) {
    this.videoId = videoId != null && PLAUSIBLE_VIDEO_ID.matcher(videoId).matches() ? videoId : null;
    return this;
  }

  /** The verified token's subject (who called); null without tokens. */
  public LogRecord subject(String subject) {
    this.subject = subject == null ? null : subject.length() > 256 ? subject.substring(0, 256) : subject;
    return this;
  }

  /** The platform's trace ID (Lambda's X-Ray trace); null where the platform has none. */
  public LogRecord traceId(String traceId) {
    this.traceId = traceId;
    return this;
  }

  /** "Success", "Preflight", "Batch", or the error code answered. */
  public LogRecord outcome(String outcome, int status) {
    this.outcome = outcome;
    this.status = status;
    return this;
  }

  public LogRecord vod(String vodRequestId, int attempts) {
    this.vodRequestId = vodRequestId;
    this.attempts = attempts;
    return this;
  }

  /**
   * One VOD call's figures for the metrics, once per message that reached VOD (a batch has
   * several): its attempts, and its time in milliseconds (negative when VOD was not called).
   */
  public LogRecord vodCall(int attempts, long millis) {
    vodAttempts += attempts;
    if (millis >= 0) {
      vodMillis = java.util.Arrays.copyOf(vodMillis, vodMillis.length + 1);
      vodMillis[vodMillis.length - 1] = millis;
    }
    return this;
  }

  /**
   * The kind of credential asked for (play-auth's PlayAuthType, VOD or JWT; a batch's kinds
   * comma-separated): a bounded metrics dimension. Null where the operation has one kind only.
   */
  public LogRecord playAuthType(String kind) {
    this.playAuthType = kind;
    return this;
  }

  public LogRecord batch(int results, int failures) {
    this.results = results;
    this.failures = failures;
    return this;
  }

  /** A message that has been through {@link Redaction} or is the function's own text. */
  public LogRecord message(String message) {
    this.message = message;
    return this;
  }

  /** Marks a defect of ours (logged at ERROR), with a message that has been through {@link Redaction}. */
  public LogRecord defect(String message) {
    this.defect = true;
    this.message = message;
    return this;
  }

  public LogRecord durationMillis(long durationMillis) {
    this.durationMillis = durationMillis;
    return this;
  }

  InvocationLog.Level level() {
    if (defect) return InvocationLog.Level.ERROR;
    return status >= 500 || status == 429 ? InvocationLog.Level.WARN : InvocationLog.Level.INFO;
  }

  String function() {
    return function;
  }

  String outcome() {
    return outcome;
  }

  int status() {
    return status;
  }

  String playAuthType() {
    return playAuthType;
  }

  int vodAttempts() {
    return vodAttempts;
  }

  /** Each VOD call's time in milliseconds; empty when VOD was not called. */
  long[] vodMillis() {
    return vodMillis;
  }

  void writeTo(ObjectNode line) {
    line.put("requestId", requestId);
    if (traceId != null) line.put("traceId", traceId);
    line.put("function", function);
    line.put("trigger", trigger);
    if (videoId != null) line.put("videoId", videoId);
    if (subject != null) line.put("subject", subject);
    if (playAuthType != null) line.put("playAuthType", playAuthType);
    line.put("outcome", outcome);
    line.put("status", status);
    line.put("durationMs", durationMillis);
    if (vodRequestId != null) line.put("vodRequestId", vodRequestId);
    line.put("attempts", attempts);
    if (results != null) line.put("results", results);
    if (failures != null) line.put("failures", failures);
    if (message != null) line.put("message", message);
  }
}
