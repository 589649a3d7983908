package dev.vodauth.log;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.ErrorKind;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The metrics on every invocation's log line: plain members of the line on every platform, which
 * a {@link MetricsSink} may turn into the platform's metrics.
 *
 * <p>Dimensions have a bounded cardinality: {@code Function} (play-auth, refresh-upload) and
 * {@code Outcome}, the outcome code when it is one of the codes the functions document, otherwise
 * {@value #OTHER_OUTCOME} (VOD has hundreds of codes; the exact one stays in the line's
 * {@code outcome}). Never a VideoId or a request ID.
 */
public final class InvocationMetrics {
  public static final String FUNCTION = "Function";
  public static final String OUTCOME = "Outcome";
  /** play-auth's kind, where it offers more than one: a dimension of those lines only. */
  public static final String PLAY_AUTH_TYPE = "PlayAuthType";
  public static final String REQUESTS = "Requests";
  public static final String SERVER_ERRORS = "ServerErrors";
  public static final String CLIENT_ERRORS = "ClientErrors";
  public static final String THROTTLED = "Throttled";
  public static final String CREDENTIALS_REJECTED = "CredentialsRejected";
  /** Milliseconds per VOD call; absent when VOD was not called, a list for a batch. */
  public static final String VOD_LATENCY = "VodLatency";
  public static final String VOD_ATTEMPTS = "VodAttempts";
  public static final String COLD_START = "ColdStart";

  /** The Outcome dimension of a code outside {@link #NAMED_OUTCOMES}. */
  static final String OTHER_OUTCOME = "Other";

  /**
   * The outcome codes that are their own Outcome value: the functions' own outcomes and error
   * codes, and the VOD codes they document. Every other code is {@value #OTHER_OUTCOME}.
   */
  static final Set<String> NAMED_OUTCOMES = namedOutcomes();

  private InvocationMetrics() {}

  /** Writes the dimension and metric members of one invocation's line (every platform). */
  static void writeMembers(LogRecord record, boolean coldStart, ObjectNode line) {
    int status = record.status();
    line.put(FUNCTION, record.function());
    line.put(OUTCOME, boundedOutcome(record.outcome()));
    if (record.playAuthType() != null) line.put(PLAY_AUTH_TYPE, record.playAuthType());
    line.put(REQUESTS, 1);
    line.put(SERVER_ERRORS, status >= 500 ? 1 : 0);
    line.put(CLIENT_ERRORS, status >= 400 && status < 500 ? 1 : 0);
    // Only VOD's throttling is answered 429 (ErrorKind.THROTTLED): after the retries ran out.
    line.put(THROTTLED, status == 429 ? 1 : 0);
    line.put(CREDENTIALS_REJECTED, isCredentialFailure(record.outcome()) ? 1 : 0);
    long[] latencies = record.vodMillis();
    if (latencies.length == 1) {
      line.put(VOD_LATENCY, latencies[0]);
    } else if (latencies.length > 1) { // a batch: one value per VOD call
      ArrayNode values = line.putArray(VOD_LATENCY);
      for (long millis : latencies) values.add(millis);
    }
    line.put(VOD_ATTEMPTS, record.vodAttempts());
    line.put(COLD_START, coldStart ? 1 : 0);
  }

  static String boundedOutcome(String outcome) {
    return outcome != null && NAMED_OUTCOMES.contains(outcome) ? outcome : OTHER_OUTCOME;
  }

  private static boolean isCredentialFailure(String outcome) {
    return ErrorKind.CREDENTIALS_REJECTED.defaultCode().equals(outcome)
        || ErrorKind.CREDENTIALS_UNAVAILABLE.defaultCode().equals(outcome);
  }

  private static Set<String> namedOutcomes() {
    Set<String> named = new HashSet<>(List.of("Success", "Preflight", "Batch",
        // VOD's throttling codes the functions document (ErrorKind covers Throttling itself)
        "Throttling.User", "Throttling.Api"));
    // Every code of ours (caller tokens, batch and message caps included) is an ErrorKind's.
    for (ErrorKind kind : ErrorKind.values()) named.add(kind.defaultCode());
    return Set.copyOf(named);
  }
}
