package dev.vodauth.aws;

import static dev.vodauth.log.InvocationMetrics.COLD_START;
import static dev.vodauth.log.InvocationMetrics.CREDENTIALS_REJECTED;
import static dev.vodauth.log.InvocationMetrics.CLIENT_ERRORS;
import static dev.vodauth.log.InvocationMetrics.FUNCTION;
import static dev.vodauth.log.InvocationMetrics.OUTCOME;
import static dev.vodauth.log.InvocationMetrics.PLAY_AUTH_TYPE;
import static dev.vodauth.log.InvocationMetrics.REQUESTS;
import static dev.vodauth.log.InvocationMetrics.SERVER_ERRORS;
import static dev.vodauth.log.InvocationMetrics.THROTTLED;
import static dev.vodauth.log.InvocationMetrics.VOD_ATTEMPTS;
import static dev.vodauth.log.InvocationMetrics.VOD_LATENCY;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.vodauth.log.MetricsSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes each log line a CloudWatch Embedded Metric Format (EMF) document: an {@code _aws} member
 * tells CloudWatch Logs to turn the line's metric members into metrics in a namespace
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html).
 * Dimension sets: {@code [Function]} and {@code [Function, Outcome]}, and {@code [Function,
 * PlayAuthType]} on the lines that have the kind.
 */
final class EmbeddedMetrics implements MetricsSink {
  /** The metrics' CloudWatch namespace, {@value #DEFAULT_NAMESPACE} by default. */
  static final String METRICS_NAMESPACE = "METRICS_NAMESPACE";
  static final String DEFAULT_NAMESPACE = "VodAuthFunctions";
  /** CloudWatch's namespace rule: these ASCII characters, 1 to 255 of them, not starting with AWS/. */
  private static final Pattern NAMESPACE = Pattern.compile("(?!AWS/)[0-9A-Za-z._/#: -]{1,255}");

  // The directives never change: serialized once, written as they are (half the EMF line's cost).
  private final RawValue directivesWithLatency;
  private final RawValue directivesWithoutLatency;
  private final RawValue directivesWithLatencyAndKind;
  private final RawValue directivesWithKind;
  private final ObjectMapper json;

  private EmbeddedMetrics(String namespace, ObjectMapper json) {
    this.json = json;
    this.directivesWithLatency = new RawValue(directives(namespace, true, false).toString());
    this.directivesWithoutLatency = new RawValue(directives(namespace, false, false).toString());
    this.directivesWithLatencyAndKind = new RawValue(directives(namespace, true, true).toString());
    this.directivesWithKind = new RawValue(directives(namespace, false, true).toString());
  }

  /** EMF in the namespace {@code METRICS_NAMESPACE} names; a bad name fails the start, naming the variable. */
  static EmbeddedMetrics from(Map<String, String> environment, ObjectMapper json) {
    String value = environment.get(METRICS_NAMESPACE);
    String namespace = value == null || value.trim().isEmpty() ? DEFAULT_NAMESPACE : value.trim();
    if (!NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException(METRICS_NAMESPACE + " must be 1 to 255 letters, digits, spaces or . - _ / # :"
          + " and must not start with AWS/, got '" + namespace + "'");
    }
    return new EmbeddedMetrics(namespace, json);
  }

  /**
   * The {@code _aws} member: the timestamp and the one metric directive. VodLatency is declared
   * only when the line has it (the spec requires every declared metric to be a member), and so is
   * the PlayAuthType dimension.
   */
  @Override
  public void addTo(ObjectNode line, Instant time) {
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", time.toEpochMilli());
    boolean withLatency = line.has(VOD_LATENCY);
    RawValue directives = line.has(PLAY_AUTH_TYPE)
        ? (withLatency ? directivesWithLatencyAndKind : directivesWithKind)
        : (withLatency ? directivesWithLatency : directivesWithoutLatency);
    aws.putRawValue("CloudWatchMetrics", directives);
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
}
