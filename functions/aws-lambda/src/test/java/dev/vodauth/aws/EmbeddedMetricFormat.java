package dev.vodauth.aws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a log line against CloudWatch's Embedded Metric Format specification: the JSON Schema
 * written from it ({@code emf/embedded-metric-format.schema.json}), then every rule a schema cannot
 * express: the line is one JSON object and nothing else, each dimension reference names a
 * top-level string member, each metric name a top-level number or array of at most 100 numbers,
 * names unique, the timestamp inside CloudWatch's window, the event inside the size limit.
 */
final class EmbeddedMetricFormat {
  /** CloudWatch Logs' event limit as the EMF specification states it (256 KB; 1 MB in its newer text). */
  static final int MAX_EVENT_BYTES = 256 * 1024;
  static final int MAX_VALUES_PER_METRIC = 100;
  /** CloudWatch accepts metric timestamps up to two weeks old and two hours ahead. */
  static final Duration MAX_AGE = Duration.ofDays(14);
  static final Duration MAX_AHEAD = Duration.ofHours(2);

  private static final ObjectMapper STRICT = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final JsonSchema SCHEMA = loadSchema();

  private EmbeddedMetricFormat() {}

  /** Everything wrong with {@code line} as an EMF document at {@code nowMillis}; empty when valid. */
  static List<String> problems(String line, long nowMillis) {
    List<String> problems = new ArrayList<>();
    if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) problems.add("the document spans more than one line");
    if (line.getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) problems.add("the event is over " + MAX_EVENT_BYTES + " bytes");
    JsonNode root;
    try {
      root = STRICT.readTree(line.trim());
    } catch (IOException e) {
      problems.add("not one JSON object with nothing around it: " + e.getMessage());
      return problems;
    }
    if (root == null || !root.isObject()) {
      problems.add("the root is not a JSON object");
      return problems;
    }
    for (ValidationMessage message : SCHEMA.validate(root)) problems.add("schema: " + message.getMessage());
    if (!problems.isEmpty()) return problems;

    long timestamp = root.path("_aws").path("Timestamp").asLong();
    if (timestamp < nowMillis - MAX_AGE.toMillis() || timestamp > nowMillis + MAX_AHEAD.toMillis()) {
      problems.add("Timestamp " + timestamp + " is outside CloudWatch's window around " + nowMillis);
    }
    for (JsonNode directive : root.path("_aws").path("CloudWatchMetrics")) {
      Set<String> metricNames = new HashSet<>();
      for (JsonNode definition : directive.path("Metrics")) {
        String name = definition.path("Name").asText();
        if (!metricNames.add(name)) problems.add("metric " + name + " is declared twice");
        problems.addAll(metricTargetProblems(name, root.get(name)));
      }
      for (JsonNode dimensionSet : directive.path("Dimensions")) {
        Set<String> inSet = new HashSet<>();
        for (JsonNode reference : dimensionSet) {
          String name = reference.asText();
          if (!inSet.add(name)) problems.add("dimension " + name + " is twice in one set");
          if (metricNames.contains(name)) problems.add(name + " is both a dimension and a metric");
          JsonNode target = root.get(name);
          if (target == null) {
            problems.add("dimension " + name + " names no top-level member");
          } else if (!target.isTextual()) {
            problems.add("dimension " + name + " is not a string: " + target);
          } else if (target.asText().isEmpty() || target.asText().length() > 1024) {
            problems.add("dimension " + name + " has a value CloudWatch refuses (1 to 1024 characters): '" + target.asText() + "'");
          }
        }
      }
    }
    return problems;
  }

  private static List<String> metricTargetProblems(String name, JsonNode target) {
    List<String> problems = new ArrayList<>();
    if (target == null) {
      problems.add("metric " + name + " names no top-level member");
    } else if (target.isArray()) {
      if (target.size() == 0 || target.size() > MAX_VALUES_PER_METRIC) {
        problems.add("metric " + name + " has " + target.size() + " values (1 to " + MAX_VALUES_PER_METRIC + ")");
      }
      for (JsonNode value : target) {
        if (!value.isNumber()) problems.add("metric " + name + " has a value that is not a number: " + value);
      }
    } else if (!target.isNumber()) {
      problems.add("metric " + name + " is neither a number nor an array of numbers: " + target);
    }
    return problems;
  }

  private static JsonSchema loadSchema() {
    try (InputStream in = EmbeddedMetricFormat.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
      if (in == null) throw new IllegalStateException("missing test resource emf/embedded-metric-format.schema.json");
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
