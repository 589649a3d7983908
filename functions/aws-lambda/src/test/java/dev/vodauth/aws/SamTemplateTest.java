package dev.vodauth.aws;

import dev.vodauth.aws.keys.AwsKeySource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vodauth.testkit.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yml: valid against the official SAM schema (each resource against the definition its
 * Type names), plus what the schema leaves open.
 */
class SamTemplateTest {
  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path TEMPLATE = MODULE.resolve("../../template.yml").normalize();
  static final String JAR = "vod-auth-aws-lambda.jar";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonNode template;

  @BeforeAll
  static void load() throws Exception {
    template = JSON.valueToTree(CloudFormationYaml.load(TEMPLATE));
  }

  @Test
  void shortFormTagsAreReadInTheirLongForm() {
    JsonNode url = template.path("Resources").path("PlayAuthFunction").path("Properties").path("FunctionUrlConfig");
    assertEquals(JSON.createObjectNode().put("Ref", "PlayAuthAuthType"), url.path("AuthType"));
    JsonNode output = template.path("Outputs").path("PlayAuthUrl").path("Value");
    assertEquals("[\"PlayAuthFunctionUrl\",\"FunctionUrl\"]", output.path("Fn::GetAtt").toString());
  }

  @Test
  void globalsAndEachResourceAreValidAgainstTheSamSchema() throws Exception {
    Path schemaFile = SharedFiles.require("schemas/sam.schema.json");
    JsonNode schema = JSON.readTree(schemaFile.toFile());
    List<String> problems = new ArrayList<>();

    problems.addAll(validate(schema, "__main____Globals", template.path("Globals"), "Globals"));
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      String definition = definitionFor(resource.getValue().path("Type").asText(), schema);
      problems.addAll(validate(schema, definition, resource.getValue(), resource.getKey()));
    }

    assertEquals(List.of(), problems);
  }

  @Test
  void schemaValidationCatchesATypoInAFunction() throws Exception {
    Path schemaFile = SharedFiles.require("schemas/sam.schema.json");
    JsonNode schema = JSON.readTree(schemaFile.toFile());
    ObjectNode function = template.path("Resources").path("RefreshUploadFunction").deepCopy();
    ((ObjectNode) function.path("Properties")).set("EventInvokeConfg", function.path("Properties").path("EventInvokeConfig"));

    List<String> problems = validate(schema, definitionFor("AWS::Serverless::Function", schema), function, "copy");

    assertFalse(problems.isEmpty());
    assertTrue(problems.toString().contains("EventInvokeConfg"), problems.toString());
  }

  @Test
  void runtimeIsACurrentJavaWithSnapStartOnPublishedVersionsAndJsonLogs() {
    JsonNode function = template.path("Globals").path("Function");
    Matcher java = Pattern.compile("java(\\d+)").matcher(function.path("Runtime").asText());
    assertTrue(java.matches() && Integer.parseInt(java.group(1)) >= 21, function.path("Runtime").asText());
    assertTrue(Set.of("x86_64", "arm64").contains(function.path("Architectures").path(0).asText()));
    int memory = function.path("MemorySize").asInt();
    assertTrue(memory >= 128 && memory <= 10240, "MemorySize " + memory);
    int timeout = function.path("Timeout").asInt();
    assertTrue(timeout >= 1 && timeout <= 900, "Timeout " + timeout);
    assertEquals("PublishedVersions", function.path("SnapStart").path("ApplyOn").asText());
    assertFalse(function.path("AutoPublishAlias").asText().isEmpty(), "SnapStart applies to published versions");
    assertEquals("JSON", function.path("LoggingConfig").path("LogFormat").asText());
  }

  @Test
  void eachHandlerNamesAStreamHandlerClassInTheBuiltCode() throws Exception {
    Path jar = MODULE.resolve("target").resolve(JAR);
    List<String> functions = new ArrayList<>();
    template.path("Resources").fields().forEachRemaining(r -> {
      if (r.getValue().path("Type").asText().equals("AWS::Serverless::Function")) functions.add(r.getKey());
    });
    assertEquals(List.of("PlayAuthFunction", "RefreshUploadFunction", "CreateUploadFunction"), functions);
    for (String function : functions) {
      String handler = template.path("Resources").path(function).path("Properties").path("Handler").asText();
      assertTrue(handler.endsWith("::handleRequest"), handler);
      String className = handler.substring(0, handler.indexOf("::"));
      String entry = className.replace('.', '/') + ".class";
      // Tests run before packaging: the compiled class is checked, and the jar too once it exists.
      assertTrue(Files.isRegularFile(MODULE.resolve("target/classes").resolve(entry)), entry + " not in target/classes");
      assertTrue(RequestStreamHandler.class.isAssignableFrom(Class.forName(className)), className);
      Path compiled = MODULE.resolve("target/classes").resolve(entry);
      boolean jarIsCurrent = Files.isRegularFile(jar)
          && Files.getLastModifiedTime(jar).compareTo(Files.getLastModifiedTime(compiled)) >= 0;
      if (jarIsCurrent) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
          assertNotNull(zip.getEntry(entry), entry + " not in " + jar);
        }
      }
    }
  }

  @Test
  void codeUriIsTheJarMavenBuilds() throws Exception {
    String codeUri = template.path("Globals").path("Function").path("CodeUri").asText();
    assertEquals(MODULE.resolve("target").resolve(JAR), TEMPLATE.getParent().resolve(codeUri).normalize());
    String pom = Files.readString(MODULE.resolve("pom.xml"));
    assertTrue(pom.contains("<finalName>" + JAR.replace(".jar", "") + "</finalName>"), "the pom's finalName names the jar");
    for (Iterator<JsonNode> it = template.path("Resources").elements(); it.hasNext(); ) {
      assertTrue(it.next().path("Properties").path("CodeUri").isMissingNode(), "every function uses the Globals' CodeUri");
    }
  }

  @Test
  void playAuthIsPublicByDefaultWithCorsFromTheParameterAndNoneFromTheHandler() {
    JsonNode parameter = template.path("Parameters").path("PlayAuthAuthType");
    assertEquals("NONE", parameter.path("Default").asText());
    assertEquals("[\"NONE\",\"AWS_IAM\"]", parameter.path("AllowedValues").toString());
    JsonNode properties = template.path("Resources").path("PlayAuthFunction").path("Properties");
    JsonNode url = properties.path("FunctionUrlConfig");
    assertEquals("{\"Ref\":\"PlayAuthAuthType\"}", url.path("AuthType").toString());
    assertEquals("{\"Ref\":\"AllowedOrigins\"}", url.path("Cors").path("AllowOrigins").toString());
    assertEquals("CommaDelimitedList", template.path("Parameters").path("AllowedOrigins").path("Type").asText());
    // The URL answers CORS, so the handler must add no second set.
    assertEquals("", properties.path("Environment").path("Variables").path("CORS_ALLOWED_ORIGINS").asText("missing"));
    assertTrue(template.path("Globals").path("Function").path("Environment").path("Variables").path("CORS_ALLOWED_ORIGINS").isMissingNode());
  }

  @Test
  void refreshUploadIsSignedOnlyByDefaultWithAnEventBridgeRuleAndBoundedRetriesToTwoQueues() throws Exception {
    JsonNode properties = template.path("Resources").path("RefreshUploadFunction").path("Properties");
    assertEquals("{\"Ref\":\"RefreshUploadAuthType\"}", properties.path("FunctionUrlConfig").path("AuthType").toString());
    assertEquals("AWS_IAM", template.path("Parameters").path("RefreshUploadAuthType").path("Default").asText());
    // CORS only when its URL takes tokens (a browser never calls refresh-upload without them).
    assertEquals("RefreshUploadTakesTokens", properties.path("FunctionUrlConfig").path("Cors").path("Fn::If").path(0).asText());
    assertEquals("{\"Ref\":\"AWS::NoValue\"}", properties.path("FunctionUrlConfig").path("Cors").path("Fn::If").path(2).toString());

    JsonNode rule = properties.path("Events").path("UploadRetry");
    assertEquals("EventBridgeRule", rule.path("Type").asText());
    JsonNode pattern = rule.path("Properties").path("Pattern");
    String source = template.path("Parameters").path(pattern.path("source").path(0).path("Ref").asText()).path("Default").asText();
    String detailType = template.path("Parameters").path(pattern.path("detail-type").path(0).path("Ref").asText()).path("Default").asText();
    Path sample = SharedFiles.find("samples/aws-lambda/eventbridge_custom.json");
    if (sample != null) {
      JsonNode event = JSON.readTree(sample.toFile());
      assertEquals(event.path("source").asText(), source, "the rule matches the sample event's source");
      assertEquals(event.path("detail-type").asText(), detailType, "the rule matches the sample event's detail-type");
    }

    JsonNode invoke = properties.path("EventInvokeConfig");
    int retries = invoke.path("MaximumRetryAttempts").asInt(-1);
    assertTrue(retries >= 0 && retries <= 2, "MaximumRetryAttempts " + retries);
    for (String destination : List.of("OnSuccess", "OnFailure")) {
      JsonNode target = invoke.path("DestinationConfig").path(destination);
      assertEquals("SQS", target.path("Type").asText(), destination);
      String queue = target.path("Destination").path("Fn::GetAtt").path(0).asText();
      assertEquals("Arn", target.path("Destination").path("Fn::GetAtt").path(1).asText());
      assertEquals("AWS::SQS::Queue", template.path("Resources").path(queue).path("Type").asText(), destination);
    }
    assertTrue(!invoke.path("DestinationConfig").path("OnSuccess").equals(invoke.path("DestinationConfig").path("OnFailure")));
  }

  @Test
  void eachFunctionMayReadItsOwnSecretAndNothingElse() {
    Map<String, String> secrets = Map.of("PlayAuthFunction", "PlayAuthSecretArn", "RefreshUploadFunction", "RefreshUploadSecretArn",
        "CreateUploadFunction", "CreateUploadSecretArn");
    for (Map.Entry<String, String> function : secrets.entrySet()) {
      String own = "{\"Ref\":\"" + function.getValue() + "\"}";
      JsonNode properties = template.path("Resources").path(function.getKey()).path("Properties");
      JsonNode policies = properties.path("Policies");
      assertEquals(1, policies.size(), function.getKey());
      assertEquals(1, policies.path(0).path("Statement").size(), function.getKey());
      JsonNode statement = policies.path(0).path("Statement").path(0);
      assertEquals("Allow", statement.path("Effect").asText());
      assertEquals("secretsmanager:GetSecretValue", statement.path("Action").asText());
      assertEquals(own, statement.path("Resource").toString(), function.getKey());
      // The secret it reads is the secret it may read.
      assertEquals(own, properties.path("Environment").path("Variables").path(AwsKeySource.SECRET_ARN).toString());

      JsonNode parameter = template.path("Parameters").path(function.getValue());
      assertEquals("String", parameter.path("Type").asText());
      assertTrue(parameter.path("Default").isMissingNode(), function.getValue() + " is required");
      String pattern = parameter.path("AllowedPattern").asText();
      assertTrue("arn:aws:secretsmanager:eu-west-1:123456789012:secret:vod/play-AbCdEf".matches(pattern), pattern);
      assertFalse("".matches(pattern), pattern);
    }
    assertEquals("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"PlayAuthSecretArn\"},{\"Ref\":\"RefreshUploadSecretArn\"}]}]}",
        template.path("Rules").path("EachFunctionHasItsOwnSecret").path("Assertions").path(0).path("Assert").toString());
  }

  @Test
  void noLayerAndNoExtensionAnywhere() throws Exception {
    assertTrue(template.path("Globals").path("Function").path("Layers").isMissingNode());
    for (Iterator<JsonNode> it = template.path("Resources").elements(); it.hasNext(); ) {
      assertTrue(it.next().path("Properties").path("Layers").isMissingNode());
    }
    String text = Files.readString(TEMPLATE);
    assertFalse(text.contains("Parameters-and-Secrets") || text.contains("SecretsExtension"), "the extension is gone");
  }

  @Test
  void allowedOriginsIsRequiredAndRefusesAWildcard() {
    JsonNode parameter = template.path("Parameters").path("AllowedOrigins");
    assertTrue(parameter.path("Default").isMissingNode(), "no default: the deployer names the origins");
    String pattern = parameter.path("AllowedPattern").asText();
    for (String origin : List.of("https://www.example.com", "https://m.example.com:8443", "http://localhost:3000")) {
      assertTrue(origin.matches(pattern), origin);
    }
    for (String origin : List.of("*", "https://*.example.com", "https://www.example.com/", "www.example.com", "")) {
      assertFalse(origin.matches(pattern), origin);
    }
  }

  @Test
  void theDeploySettingsAreParametersAndEveryReferenceResolves() {
    for (String name : List.of("PlayAuthSecretArn", "RefreshUploadSecretArn", "VodRegion", "AllowedOrigins", "PlayAuthAuthType", "AuthInfoTimeoutDefault",
        "AuthInfoTimeoutMax")) {
      assertFalse(template.path("Parameters").path(name).isMissingNode(), name);
    }
    JsonNode variables = template.path("Resources").path("PlayAuthFunction").path("Properties").path("Environment").path("Variables");
    assertEquals("{\"Ref\":\"AuthInfoTimeoutDefault\"}", variables.path("AUTH_INFO_TIMEOUT_DEFAULT").toString());
    assertEquals("{\"Ref\":\"AuthInfoTimeoutMax\"}", variables.path("AUTH_INFO_TIMEOUT_MAX").toString());
    List<String> unresolved = new ArrayList<>();
    checkReferences(template, unresolved);
    assertEquals(List.of(), unresolved);
  }

  @Test
  void outputsNameBothUrlsAndBothQueues() {
    JsonNode outputs = template.path("Outputs");
    assertEquals("[\"PlayAuthFunctionUrl\",\"FunctionUrl\"]", outputs.path("PlayAuthUrl").path("Value").path("Fn::GetAtt").toString());
    assertEquals("[\"RefreshUploadFunctionUrl\",\"FunctionUrl\"]", outputs.path("RefreshUploadUrl").path("Value").path("Fn::GetAtt").toString());
    assertEquals("[\"CreateUploadFunctionUrl\",\"FunctionUrl\"]", outputs.path("CreateUploadUrl").path("Value").path("Fn::GetAtt").toString());
    assertEquals("UploadRetryResultsQueue", outputs.path("UploadRetryResultsQueueUrl").path("Value").path("Ref").asText());
    assertEquals("UploadRetryDeadLetterQueue", outputs.path("UploadRetryDeadLetterQueueUrl").path("Value").path("Ref").asText());
  }

  /** Refs name a parameter, a resource or a pseudo parameter; GetAtts a resource or one SAM generates. */
  private static void checkReferences(JsonNode node, List<String> unresolved) {
    if (node.isObject()) {
      if (node.has("Ref")) {
        String name = node.path("Ref").asText();
        // FunctionName.Alias: SAM's reference to the alias AutoPublishAlias makes.
        boolean samAlias = name.endsWith(".Alias") && template.path("Resources").has(name.substring(0, name.length() - 6));
        if (!name.startsWith("AWS::") && !template.path("Parameters").has(name) && !template.path("Resources").has(name) && !samAlias) {
          unresolved.add("Ref " + name);
        }
      }
      if (node.has("Fn::GetAtt")) {
        String name = node.path("Fn::GetAtt").path(0).asText();
        boolean samUrl = name.endsWith("Url") && template.path("Resources").has(name.substring(0, name.length() - 3));
        if (!template.path("Resources").has(name) && !samUrl && !samEventResource(name)) unresolved.add("GetAtt " + name);
      }
      node.elements().forEachRemaining(child -> checkReferences(child, unresolved));
    } else if (node.isArray()) {
      node.elements().forEachRemaining(child -> checkReferences(child, unresolved));
    }
  }

  /** SAM names an event's resource (an EventBridge rule) after its function and the event. */
  private static boolean samEventResource(String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = template.path("Resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      if (!name.startsWith(resource.getKey())) continue;
      if (resource.getValue().path("Properties").path("Events").has(name.substring(resource.getKey().length()))) return true;
    }
    return false;
  }

  /** AWS::Serverless::Function -> ..._aws_serverless_function__Resource; any other type -> any_cfn_resource. */
  private static String definitionFor(String type, JsonNode schema) {
    String prefix = "samtranslator__internal__schema_source__";
    if (type.startsWith("AWS::Serverless::")) {
      String name = prefix + "aws_serverless_" + type.substring("AWS::Serverless::".length()).toLowerCase(Locale.ROOT) + "__Resource";
      assertTrue(schema.path("definitions").has(name), "no schema definition for " + type);
      return name;
    }
    return prefix + "any_cfn_resource__Resource";
  }

  private static List<String> validate(JsonNode schema, String definition, JsonNode value, String where) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "http://json-schema.org/draft-04/schema#");
    root.put("$ref", "#/definitions/" + definition);
    root.set("definitions", schema.path("definitions"));
    JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(root);
    List<String> problems = new ArrayList<>();
    for (ValidationMessage message : validator.validate(value)) problems.add(where + ": " + message.getMessage());
    return problems;
  }
}
