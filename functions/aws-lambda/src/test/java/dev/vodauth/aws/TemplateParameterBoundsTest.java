package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every template.yml parameter walked through its bounds and the code's: each value is checked as
 * CloudFormation checks it (Type, AllowedPattern, AllowedValues, MinValue/MaxValue,
 * MinLength/MaxLength, then the Rules), and every value the template accepts is given to each
 * functions as the template passes it (Globals and the function's Environment, conditions
 * resolved) and must start them (the Lambda container's own start: Config, the secret settings,
 * the log). Values come from the template's own bounds, the code's ranges, an integer sweep and
 * strings known to break parsers. Nothing runs outside the JVM: the Rules and conditions are
 * evaluated as written in template.yml.
 */
class TemplateParameterBoundsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAY_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/play-AbCdEf";
  private static final String UPLOAD_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/upload-GhIjKl";
  private static final String CREATE_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/create-MnOpQr";
  private static final List<String> FUNCTIONS = List.of("PlayAuthFunction", "RefreshUploadFunction", "CreateUploadFunction");

  private static JsonNode template;
  /** Each environment's start, once: "" when the function starts, else its refusal. */
  private static final Map<Map<String, String>, String> STARTS = new HashMap<>();

  @BeforeAll
  static void load() throws Exception {
    template = JSON.valueToTree(CloudFormationYaml.load(SamTemplateTest.TEMPLATE));
  }

  /** The required parameters, tokens off. */
  private static Map<String, String> tokensOff() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("PlayAuthSecretArn", PLAY_SECRET);
    p.put("RefreshUploadSecretArn", UPLOAD_SECRET);
    p.put("CreateUploadSecretArn", CREATE_SECRET);
    p.put("AllowedOrigins", "https://www.example.com");
    p.put("ResultsReaderPrincipalArn", "arn:aws:iam::123456789012:role/upload-answers-reader");
    return p;
  }

  /** Tokens on behind every public URL, so every token setting reaches every function. */
  private static Map<String, String> tokensOn() {
    Map<String, String> p = tokensOff();
    p.putAll(Map.of("PlayAuthAuthType", "NONE", "RefreshUploadAuthType", "NONE", "CreateUploadAuthType", "NONE",
        "JwtIssuer", "https://id.example.com/", "JwtAudience", "vod", "JwtJwksUrl", "https://id.example.com/.well-known/jwks.json"));
    return p;
  }

  @Test
  void everyValueOfEveryParameterThatTheTemplateAcceptsStartsEveryFunction() {
    List<String> problems = new ArrayList<>();
    Set<String> acceptedSomewhere = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Parameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> parameter = it.next();
      // The token settings reach the functions only with tokens on; the others' reading does not depend on them.
      boolean tokenSetting = parameter.getKey().startsWith("Jwt");
      for (Map<String, String> base : tokenSetting ? List.of(tokensOff(), tokensOn()) : List.of(tokensOff())) {
        for (String value : candidates(parameter.getValue())) {
          Map<String, String> parameters = new LinkedHashMap<>(base);
          parameters.put(parameter.getKey(), value);
          if (walk(parameters, problems)) acceptedSomewhere.add(parameter.getKey());
        }
      }
    }
    assertEquals(List.of(), problems, "values the template accepts and a function refuses at start");
    assertEquals(names(template.path("Parameters")), acceptedSomewhere, "every parameter has values that deploy");
  }

  /** The parameters the code reads together, walked through each other's bounds. */
  @Test
  void relatedParametersAreWalkedTogether() {
    List<String> problems = new ArrayList<>();
    List<String> timeouts = List.of("100", "101", "1500", "2999", "3000");
    for (String byDefault : timeouts) {
      for (String max : timeouts) {
        Map<String, String> parameters = tokensOff();
        parameters.put("AuthInfoTimeoutDefault", byDefault);
        parameters.put("AuthInfoTimeoutMax", max);
        assertTrue(walk(parameters, problems), "a default above the maximum deploys and starts (cut to the maximum): " + parameters);
      }
    }
    // Each token setting with and without the others, behind each kind of URL.
    Map<String, String> tokenValues = new LinkedHashMap<>(Map.of("JwtIssuer", "https://id.example.com/", "JwtAudience", "vod",
        "JwtJwksUrl", "https://id.example.com/jwks.json", "JwtVideoClaim", "videos", "JwtClockSkewSeconds", "30",
        "JwtMaxLifetimeSeconds", "3600"));
    List<String> names = new ArrayList<>(tokenValues.keySet());
    for (int mask = 0; mask < 1 << names.size(); mask++) {
      for (String play : List.of("NONE", "AWS_IAM")) {
        for (String upload : List.of("NONE", "AWS_IAM")) {
          Map<String, String> parameters = tokensOff();
          parameters.put("PlayAuthAuthType", play);
          parameters.put("RefreshUploadAuthType", upload);
          for (int i = 0; i < names.size(); i++) {
            if ((mask & 1 << i) != 0) parameters.put(names.get(i), tokenValues.get(names.get(i)));
          }
          walk(parameters, problems);
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** Values that would deploy and then fail every start (skew over 600, an AWS/ namespace, tokens behind signed URLs only) are refused by the template. */
  @Test
  void valuesTheCodeRefusesAreRefusedByTheTemplate() {
    for (String[] refused : new String[][] {{"JwtClockSkewSeconds", "601"}, {"JwtClockSkewSeconds", "999"},
        {"MetricsNamespace", "AWS/Lambda"}, {"MetricsNamespace", " AWS/Lambda"}, {"AuthInfoTimeoutDefault", "150.5"},
        {"JwtMaxLifetimeSeconds", "59"}, {"JwtJwksUrl", "https://user@id.example.com/jwks"}, {"SecretTtlSeconds", "0"}}) {
      Map<String, String> parameters = tokensOn();
      parameters.put(refused[0], refused[1]);
      assertFalse(templateAccepts(parameters).isEmpty(), refused[0] + "=" + refused[1] + " must be refused at deploy");
    }
    Map<String, String> everySignedWithTokens = tokensOn();
    everySignedWithTokens.put("PlayAuthAuthType", "AWS_IAM");
    everySignedWithTokens.put("RefreshUploadAuthType", "AWS_IAM");
    everySignedWithTokens.put("CreateUploadAuthType", "AWS_IAM");
    assertTrue(templateAccepts(everySignedWithTokens).stream().anyMatch(p -> p.startsWith("JwtIssuer needs a public URL")),
        "tokens on with every URL signed would check no token: " + templateAccepts(everySignedWithTokens));
  }

  /**
   * Checks one set of parameter values through the template, then every function's start.
   *
   * @return whether the template accepts them
   */
  private static boolean walk(Map<String, String> parameters, List<String> problems) {
    if (!templateAccepts(parameters).isEmpty()) return false;
    for (String function : FUNCTIONS) {
      String refusal = STARTS.computeIfAbsent(environment(parameters, function), environment -> {
        try {
          LambdaContainer.create(environment, Clock.systemUTC(), line -> {});
          return "";
        } catch (RuntimeException e) {
          return e.getMessage();
        }
      });
      if (!refusal.isEmpty()) problems.add(changed(parameters) + ": " + function + " refuses to start: " + refusal);
    }
    return true;
  }

  /** What CloudFormation says of these values: empty when it accepts them, else why not. */
  static List<String> templateAccepts(Map<String, String> given) {
    List<String> refusals = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Parameters").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode definition = entry.getValue();
      String value = given.containsKey(entry.getKey()) ? given.get(entry.getKey())
          : definition.has("Default") ? definition.path("Default").asText() : null;
      if (value == null) {
        refusals.add(entry.getKey() + " is required");
        continue;
      }
      String why = refusal(definition, value);
      if (why != null) refusals.add(entry.getKey() + "=" + value + ": " + why);
    }
    if (refusals.isEmpty()) refusals.addAll(new CloudFormationConditions(template, given).failedRules());
    return refusals;
  }

  /** CloudFormation's parameter constraints, as its documentation states them; null when met. */
  private static String refusal(JsonNode definition, String value) {
    String type = definition.path("Type").asText();
    if (type.equals("Number")) {
      BigDecimal number;
      try {
        number = new BigDecimal(value.trim());
      } catch (NumberFormatException e) {
        return "not a number";
      }
      if (definition.has("MinValue") && number.compareTo(new BigDecimal(definition.path("MinValue").asText())) < 0) return "below MinValue";
      if (definition.has("MaxValue") && number.compareTo(new BigDecimal(definition.path("MaxValue").asText())) > 0) return "above MaxValue";
      return null;
    }
    List<String> items = type.equals("CommaDelimitedList") ? List.of(value.split(",", -1)) : List.of(value);
    for (String item : items) {
      if (definition.has("AllowedPattern") && !item.matches(definition.path("AllowedPattern").asText())) return "AllowedPattern";
      if (definition.has("AllowedValues")) {
        boolean listed = false;
        for (JsonNode allowed : definition.path("AllowedValues")) listed |= allowed.asText().equals(item);
        if (!listed) return "AllowedValues";
      }
    }
    if (definition.has("MinLength") && value.length() < definition.path("MinLength").asInt()) return "MinLength";
    if (definition.has("MaxLength") && value.length() > definition.path("MaxLength").asInt()) return "MaxLength";
    return null;
  }

  /** The function's environment as the template sets it for these values: Globals, then its own. */
  private static Map<String, String> environment(Map<String, String> parameters, String function) {
    ObjectNode mini = JSON.createObjectNode();
    mini.set("Parameters", template.path("Parameters"));
    mini.set("Conditions", template.path("Conditions"));
    ObjectNode resources = mini.putObject("Resources");
    resources.putObject("Globals").set("Variables", template.path("Globals").path("Function").path("Environment").path("Variables"));
    resources.putObject(function).set("Variables",
        template.path("Resources").path(function).path("Properties").path("Environment").path("Variables"));
    JsonNode stack = new CloudFormationConditions(mini, parameters).stack().path("Resources");
    Map<String, String> environment = new HashMap<>();
    for (String resource : List.of("Globals", function)) {
      stack.path(resource).path("Variables").fields().forEachRemaining(e -> {
        assertTrue(e.getValue().isValueNode(), "a variable resolves to text: " + e);
        environment.put(e.getKey(), e.getValue().asText());
      });
    }
    return environment;
  }

  /** The template's bounds, the code's ranges, an integer sweep and strings known to break parsers. */
  private static Set<String> candidates(JsonNode definition) {
    Set<String> values = new LinkedHashSet<>();
    if (definition.has("Default")) values.add(definition.path("Default").asText());
    for (JsonNode allowed : definition.path("AllowedValues")) {
      values.add(allowed.asText());
      values.add(allowed.asText().toLowerCase(java.util.Locale.ROOT));
    }
    for (String bound : List.of("MinValue", "MaxValue", "MinLength", "MaxLength")) {
      if (definition.has(bound)) {
        long n = definition.path(bound).asLong();
        for (long d = -1; d <= 1; d++) values.add(Long.toString(n + d));
      }
    }
    if (isNumeric(definition)) {
      // Every whole number where the patterns spell out their ranges digit by digit, then a sparse
      // sweep and the edges of the longer ranges.
      for (int i = -2; i <= 650; i++) values.add(Integer.toString(i));
      for (int i = 651; i <= 1100; i += 11) values.add(Integer.toString(i));
      for (int i = 1101; i <= 100_000; i += 1009) values.add(Integer.toString(i));
      for (int edge : new int[] {2999, 3000, 3001, 9999, 10000, 86399, 86400, 86401, 99999, 100000}) values.add(Integer.toString(edge));
    }
    for (String n : List.of("3000", "3001", "86399", "86400", "86401", "31536000", "2147483648", "007", "+5", "1e2", "150.5",
        "150.0", " 150", "150 ")) {
      values.add(n);
    }
    values.addAll(List.of("", " ", "x", "none", "create", "NONE", "AWS_IAM", "OFF", "off", "DEBUG", "true", "false", "maybe",
        "cn-shanghai", "cn shanghai", "AWS", "AWS/", "AWS/Lambda", "AWSX/y", "AW", "A", "aws/x", " AWS/x", "A WS/x",
        "VodAuth Functions", "Vod|Auth", "Vodé", "x".repeat(255), "x".repeat(256),
        "https://id.example.com/", "https://id.example.com/.well-known/jwks.json", "https://id.example.com:8443/keys?v=1",
        "https://id.example.com/a%20b", "https://id.example.com/a%zz", "https://a b/", "https://user@id.example.com/jwks",
        "https://-bad-.example.com/", "https://bad_host.example.com/", "https://1.2.3.4/jwks", "https://a.1/", "https://localhost",
        "https://id.example.com/{kid}", "https://id.example.com/a|b", "https://id.example.com/#frag", "https://[::1]/jwks",
        "http://127.0.0.1/jwks", "https://", "https:///x", "https://1.2.3.400/", "https://a-.example.com/", "https://example.com./",
        "https://h:99999/", "https://x.example.com/k?x=%41", "https://x.example.com/k?x=%4", "https://x.example.com/a b",
        "https://xn--bcher-kva.example/jwks", "https://0.0.0.0/", "https://01.2.3.4/", "https://a..b/",
        " https://id.example.com/", "https://id.example.com/ ", "iss ", " iss", "videos ", "a\tb",
        "arn:aws:sqs:us-east-1:123456789012:queue", "arn:aws:sns:us-east-1:123456789012:topic", PLAY_SECRET, UPLOAD_SECRET,
        "arn:aws:secretsmanager:us-east-1:123456789012:secret:x", "arn:aws:iam::123456789012:role/r",
        "https://www.example.com", "https://www.example.com,https://m.example.com", "*"));
    return values;
  }

  /** A Number, or a String whose pattern takes some whole numbers and not others: a range spelled as a pattern. */
  private static boolean isNumeric(JsonNode definition) {
    if (definition.path("Type").asText().equals("Number")) return true;
    if (!definition.has("AllowedPattern")) return false;
    String pattern = definition.path("AllowedPattern").asText();
    boolean some = false;
    boolean all = true;
    for (int i = 0; i <= 1000; i++) {
      boolean matches = Integer.toString(i).matches(pattern);
      some |= matches;
      all &= matches;
    }
    return some && !all;
  }

  private static String changed(Map<String, String> parameters) {
    Map<String, String> shown = new LinkedHashMap<>(parameters);
    tokensOff().keySet().forEach(shown::remove);
    return shown.toString();
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
