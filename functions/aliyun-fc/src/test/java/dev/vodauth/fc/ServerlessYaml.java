package dev.vodauth.fc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders an {@code s.yaml} as Serverless Devs would before deploying: {@code ${env('X', 'd')}},
 * {@code ${config('AccountID')}}, {@code ${vars.x}} and the one expression s.yaml uses,
 * {@code ${(vars.x == 'literal' && vars.y != 'literal') ? A : B}} (one or more comparisons, each
 * {@code ==} or {@code !=}, joined by {@code &&}) with A and B each {@code vars.y} or
 * {@code 'literal'} (Serverless Devs evaluates it as JavaScript; the parentheses are what make it
 * do so),
 * resolved inside any string. Anything else
 * in {@code ${...}} is refused, so the test learns of a variable it does not check.
 */
final class ServerlessYaml {
  private static final Pattern ENV = Pattern.compile("\\$\\{\\s*env\\(\\s*'([^']*)'\\s*(?:,\\s*'([^']*)'\\s*)?\\)\\s*}");
  private static final Pattern CONFIG = Pattern.compile("\\$\\{\\s*config\\(\\s*'([^']*)'\\s*\\)\\s*}");
  private static final Pattern VARS = Pattern.compile("\\$\\{\\s*vars\\.([A-Za-z0-9_]+)\\s*}");
  /** A branch of the expression: {@code vars.name} or {@code 'literal'}. */
  private static final String OPERAND = "(vars\\.[A-Za-z0-9_]+|'[^']*')";
  /** One comparison of the condition: {@code vars.name == 'literal'} or {@code !=}. */
  private static final Pattern COMPARISON = Pattern.compile("\\s*vars\\.([A-Za-z0-9_]+)\\s*(==|!=)\\s*'([^']*)'\\s*");
  private static final String COMPARISON_TEXT = "vars\\.[A-Za-z0-9_]+\\s*(?:==|!=)\\s*'[^']*'";
  private static final Pattern IF = Pattern.compile("\\$\\{\\s*\\(\\s*(" + COMPARISON_TEXT + "(?:\\s*&&\\s*" + COMPARISON_TEXT
      + ")*)\\s*\\)\\s*\\?\\s*" + OPERAND + "\\s*:\\s*" + OPERAND + "\\s*}");

  private final Map<String, String> environment;
  private final Map<String, String> config;

  /** @param config what {@code ${config('Name')}} gives (AccountID is the one s.yaml uses) */
  ServerlessYaml(Map<String, String> environment, Map<String, String> config) {
    this.environment = environment;
    this.config = config;
  }

  /** The whole document, every variable resolved. */
  ObjectNode render(Path file) throws IOException {
    ObjectNode document = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    ObjectNode vars = document.with("vars");
    for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> var = it.next();
      var.setValue(resolve(var.getValue(), null));
    }
    document.set("resources", resolve(document.path("resources"), vars));
    return document;
  }

  private JsonNode resolve(JsonNode node, ObjectNode vars) {
    if (node.isTextual()) return TextNode.valueOf(resolve(node.asText(), vars));
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        field.setValue(resolve(field.getValue(), vars));
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) array.set(i, resolve(array.get(i), vars));
    }
    return node;
  }

  private String resolve(String text, ObjectNode vars) {
    String out = replace(text, ENV, m -> environment.getOrDefault(m.group(1), m.group(2) == null ? "" : m.group(2)));
    out = replace(out, CONFIG, m -> {
      if (!config.containsKey(m.group(1))) throw new IllegalArgumentException("no config " + m.group(1));
      return config.get(m.group(1));
    });
    if (vars != null) {
      out = replace(out, IF, m -> operand(vars, holds(vars, m.group(1), text) ? m.group(2) : m.group(3), text));
      out = replace(out, VARS, m -> var(vars, m.group(1), text));
    }
    if (out.contains("${")) throw new IllegalArgumentException("unresolved variable in: " + text);
    return out;
  }

  /** Every comparison of a condition joined by {@code &&} holds. */
  private static boolean holds(ObjectNode vars, String condition, String text) {
    for (String part : condition.split("&&")) {
      Matcher m = COMPARISON.matcher(part);
      if (!m.matches()) throw new IllegalArgumentException("unsupported condition in: " + text);
      boolean equal = var(vars, m.group(1), text).equals(m.group(3));
      if (equal != m.group(2).equals("==")) return false;
    }
    return true;
  }

  private static String operand(ObjectNode vars, String operand, String text) {
    return operand.startsWith("'") ? operand.substring(1, operand.length() - 1) : var(vars, operand.substring("vars.".length()), text);
  }

  private static String var(ObjectNode vars, String name, String text) {
    JsonNode value = vars.get(name);
    if (value == null) throw new IllegalArgumentException("undefined vars." + name + " in: " + text);
    return value.asText();
  }

  private static String replace(String text, Pattern pattern, java.util.function.Function<Matcher, String> value) {
    Matcher m = pattern.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) m.appendReplacement(out, Matcher.quoteReplacement(value.apply(m)));
    m.appendTail(out);
    return out.toString();
  }
}
