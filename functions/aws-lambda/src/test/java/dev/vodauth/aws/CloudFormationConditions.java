package dev.vodauth.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What CloudFormation itself does to a translated template for given parameter values, so a test
 * sees the stack that would be created: parameter Refs replaced by their values (defaults
 * included), Conditions evaluated, resources and outputs whose Condition is false dropped,
 * Fn::If resolved, AWS::NoValue removed, and the Rules' assertions checked. Refs to resources and
 * Fn::GetAtt stay as they are. Only the functions the template uses (Equals, Not, And, Or, If,
 * Condition); anything else fails loudly.
 */
final class CloudFormationConditions {
  private final JsonNode template;
  private final Map<String, String> parameters = new HashMap<>();
  private final Map<String, Boolean> conditions = new HashMap<>();

  CloudFormationConditions(JsonNode template, Map<String, String> given) {
    this.template = template;
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Parameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      if (p.getValue().has("Default")) parameters.put(p.getKey(), p.getValue().path("Default").asText());
    }
    parameters.putAll(given);
    for (Iterator<String> names = template.path("Conditions").fieldNames(); names.hasNext(); ) {
      String name = names.next();
      conditions.put(name, evaluate(template.path("Conditions").path(name)));
    }
  }

  boolean condition(String name) {
    Boolean value = conditions.get(name);
    if (value == null) throw new IllegalArgumentException("no condition " + name);
    return value;
  }

  /** The stack as created: resources and outputs that exist, every value resolved. */
  ObjectNode stack() {
    ObjectNode stack = JsonNodeFactory.instance.objectNode();
    for (String section : List.of("Resources", "Outputs")) {
      ObjectNode kept = stack.putObject(section);
      for (Iterator<Map.Entry<String, JsonNode>> it = template.path(section).fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        String condition = entry.getValue().path("Condition").asText(null);
        if (condition != null && !condition(condition)) continue;
        kept.set(entry.getKey(), resolve(entry.getValue()));
      }
    }
    return stack;
  }

  /** The descriptions of the Rules' assertions that fail for these parameters (CloudFormation refuses the stack). */
  List<String> failedRules() {
    List<String> failed = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Rules").fields(); it.hasNext(); ) {
      JsonNode rule = it.next().getValue();
      if (rule.has("RuleCondition") && !evaluate(rule.path("RuleCondition"))) continue;
      for (JsonNode assertion : rule.path("Assertions")) {
        if (!evaluate(assertion.path("Assert"))) failed.add(assertion.path("AssertDescription").asText().trim());
      }
    }
    return failed;
  }

  private boolean evaluate(JsonNode node) {
    if (node.has("Fn::Equals")) return value(node.path("Fn::Equals").path(0)).equals(value(node.path("Fn::Equals").path(1)));
    if (node.has("Fn::Not")) return !evaluate(node.path("Fn::Not").path(0));
    if (node.has("Fn::And")) {
      for (JsonNode c : node.path("Fn::And")) if (!evaluate(c)) return false;
      return true;
    }
    if (node.has("Fn::Or")) {
      for (JsonNode c : node.path("Fn::Or")) if (evaluate(c)) return true;
      return false;
    }
    if (node.has("Condition")) {
      String name = node.path("Condition").asText();
      return conditions.containsKey(name) ? conditions.get(name) : evaluate(template.path("Conditions").path(name));
    }
    throw new IllegalArgumentException("unsupported condition " + node);
  }

  private String value(JsonNode node) {
    if (node.isValueNode()) return node.asText();
    if (node.has("Ref") && parameters.containsKey(node.path("Ref").asText())) return parameters.get(node.path("Ref").asText());
    throw new IllegalArgumentException("unresolvable value " + node + " (a required parameter not given?)");
  }

  /** Null for AWS::NoValue (the key or element is dropped). */
  private JsonNode resolve(JsonNode node) {
    if (node.isObject()) {
      if (node.size() == 1 && node.has("Fn::If")) {
        JsonNode branches = node.path("Fn::If");
        return resolve(branches.path(condition(branches.path(0).asText()) ? 1 : 2));
      }
      if (node.size() == 1 && node.has("Ref")) {
        String name = node.path("Ref").asText();
        if (name.equals("AWS::NoValue")) return null;
        if (parameters.containsKey(name)) {
          String type = template.path("Parameters").path(name).path("Type").asText();
          if (type.equals("CommaDelimitedList")) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            for (String v : parameters.get(name).split(",", -1)) list.add(v);
            return list;
          }
          return TextNode.valueOf(parameters.get(name));
        }
        return node;
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = resolve(e.getValue());
        if (v != null) out.set(e.getKey(), v);
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      for (JsonNode e : node) {
        JsonNode v = resolve(e);
        if (v != null) out.add(v);
      }
      return out;
    }
    return node;
  }
}
