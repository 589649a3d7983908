package dev.vodauth.log;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vodauth.answer.ErrorKind;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The metrics on every invocation's log line. The values and the two dimensions are plain members
 * of the line on every platform; on Lambda the line is also a CloudWatch Embedded Metric Format
 * (EMF) document: an {@code _aws} member tells CloudWatch Logs to turn those members into metrics
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 *
 * <p>Dimensions have a bounded cardinality: {@code Function} (play-auth, refresh-upload) and
 * {@code Outcome}, the outcome code when it is one of the codes the functions document, otherwise
 * {@value #OTHER_OUTCOME} (VOD has hundreds of codes; the exact one stays in the line's
 * {@code outcome}). Never a VideoId or a request ID.
 */
public final class InvocationMetrics {
  static final String FUNCTION = "Function";
  static final String OUTCOME = "Outcome";
  /** play-auth's kind, VOD or JWT: a dimension of play-auth's HTTP lines only. */
  static final String PLAY_AUTH_TYPE = "PlayAuthType";
  static final String REQUESTS = "Requests";
  static final String SERVER_ERRORS = "ServerErrors";
  static final String CLIENT_ERRORS = "ClientErrors";
  static final String THROTTLED = "Throttled";
  static final String CREDENTIALS_REJECTED = "CredentialsRejected";
  static final String VOD_LATENCY = "VodLatency";
  static final String VOD_ATTEMPTS = "VodAttempts";
  static final String COLD_START = "ColdStart";

  /** The Outcome dimension of a code outside {@link #NAMED_OUTCOMES}. */
  static final String OTHER_OUTCOME = "Other";

  /**
   * The outcome codes that are their own Outcome value: the functions' own outcomes and error
   * codes, and the VOD codes they document. Every other code is {@value #OTHER_OUTCOME}.
   */
  static final Set<String> NAMED_OUTCOMES = namedOutcomes();

  // The directives never change: serialized once, written as they are (half the EMF line's cost).
  private final RawValue directivesWithLatency;
  private final RawValue directivesWithoutLatency;
  private final RawValue directivesWithLatencyAndKind;
  private final RawValue directivesWithKind;
  private final ObjectMapper json;

  private InvocationMetrics(String namespace, ObjectMapper json) {
    if (namespace == null || namespace.trim().isEmpty()) throw new IllegalArgumentException("a metrics namespace is required");
    this.json = Objects.requireNonNull(json, "json == null");
    this.directivesWithLatency = new RawValue(directives(namespace, true, false).toString());
    this.directivesWithoutLatency = new RawValue(directives(namespace, false, false).toString());
    this.directivesWithLatencyAndKind = new RawValue(directives(namespace, true, true).toString());
    this.directivesWithKind = new RawValue(directives(namespace, false, true).toString());
  }

  /** The EMF metadata writer for a namespace (already checked by the configuration). */
  static InvocationMetrics embedded(String namespace, ObjectMapper json) {
    return new InvocationMetrics(namespace, json);
  }

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
    } else if (latencies.length > 1) { // a batch: one value per VOD call, as EMF allows
      ArrayNode values = line.putArray(VOD_LATENCY);
      for (long millis : latencies) values.add(millis);
    }
    line.put(VOD_ATTEMPTS, record.vodAttempts());
    line.put(COLD_START, coldStart ? 1 : 0);
  }

  /**
   * The {@code _aws} member: the timestamp and the one metric directive. VodLatency is declared
   * only when the line has it (the spec requires every declared metric to be a member); so is the
   * {@code [Function, PlayAuthType]} dimension set.
   */
  ObjectNode metadata(long timestampMillis, boolean withLatency, boolean withKind) {
    ObjectNode aws = json.createObjectNode();
    aws.put("Timestamp", timestampMillis);
    RawValue directives = withKind
        ? (withLatency ? directivesWithLatencyAndKind : directivesWithKind)
        : (withLatency ? directivesWithLatency : directivesWithoutLatency);
    aws.putRawValue("CloudWatchMetrics", directives);
    return aws;
  }

  static String boundedOutcome(String outcome) {
    return outcome != null && NAMED_OUTCOMES.contains(outcome) ? outcome : OTHER_OUTCOME;
  }

  private static boolean isCredentialFailure(String outcome) {
    return ErrorKind.CREDENTIALS_REJECTED.defaultCode().equals(outcome)
        || ErrorKind.CREDENTIALS_UNAVAILABLE.defaultCode().equals(outcome);
  }

  private ArrayNode directives(String namespace, boolean withLatency, boolean withKind) {
    ArrayNode directives = json.createArrayNode();
    ObjectNode directive = directives.addObject();
    directive.put("Namespace", namespace);
    ArrayNode dimensionSets = directive.putArray("Dimensions");
    dimensionSets.addArray().add(FUNCTION);
    dimensionSets.addArray().add(FUNCTION).add(OUTCOME);
    if (withKind) dimensionSets.addArray().add(FUNCTION).add(PLAY_AUTH_TYPE);
    ArrayNode metrics = directive.putArray("Metrics");
    for (String count : List.of(REQUESTS, SERVER_ERRORS, CLIENT_ERRORS, THROTTLED, CREDENTIALS_REJECTED)) {
      metrics.addObject().put("Name", count).put("Unit", "Count");
    }
    if (withLatency) metrics.addObject().put("Name", VOD_LATENCY).put("Unit", "Milliseconds");
    metrics.addObject().put("Name", VOD_ATTEMPTS).put("Unit", "Count");
    metrics.addObject().put("Name", COLD_START).put("Unit", "Count");
    return directives;
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
