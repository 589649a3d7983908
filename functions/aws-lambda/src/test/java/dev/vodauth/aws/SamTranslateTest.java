package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * template.yml through AWS's own SAM translator (../shared/tools/sam-translate, what `sam deploy`
 * submits) for each supported setting, then through CloudFormation's conditions for that
 * setting's parameters: the stack that would be created. Asserts what a working deployment
 * needs (the URLs' permissions, the live alias everywhere, the destinations, the Pipe) and what a
 * safe one must not have (a broader policy, a readable results queue). Plus cfn-lint.
 */
class SamTranslateTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PLAY_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/play-AbCdEf";
  private static final String UPLOAD_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/upload-GhIjKl";
  private static final String CREATE_SECRET = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/create-MnOpQr";
  private static final String READER = "arn:aws:iam::123456789012:role/upload-answers-reader";
  private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:vod-alarms";
  private static final String EXISTING_QUEUE = "arn:aws:sqs:us-east-1:123456789012:uploader-retries";
  private static final String ORIGINS = "https://www.example.com,https://m.example.com";
  private static final Map<String, JsonNode> TRANSLATED = new ConcurrentHashMap<>();

  /** One supported way to deploy. */
  static final class Setting {
    final String name;
    final String playAuthType;
    final String refreshUploadAuthType;
    /** create-upload's face: the same as refresh-upload's (both hand out upload credentials). */
    final String createUploadAuthType;
    final boolean tokens;
    final String queue;
    final boolean alarmTopic;
    final Map<String, String> playAuthKinds;

    Setting(String name, String playAuthType, String refreshUploadAuthType, boolean tokens, String queue, boolean alarmTopic) {
      this(name, playAuthType, refreshUploadAuthType, tokens, queue, alarmTopic, Map.of());
    }

    /** @param playAuthKinds play-auth's kinds and JWTPlayAuth parameters; empty for the defaults (VOD only) */
    Setting(String name, String playAuthType, String refreshUploadAuthType, boolean tokens, String queue, boolean alarmTopic,
        Map<String, String> playAuthKinds) {
      this.playAuthKinds = playAuthKinds;
      this.name = name;
      this.playAuthType = playAuthType;
      this.refreshUploadAuthType = refreshUploadAuthType;
      this.createUploadAuthType = refreshUploadAuthType;
      this.tokens = tokens;
      this.queue = queue;
      this.alarmTopic = alarmTopic;
    }

    Map<String, String> parameters() {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("PlayAuthSecretArn", PLAY_SECRET);
      p.put("RefreshUploadSecretArn", UPLOAD_SECRET);
      p.put("CreateUploadSecretArn", CREATE_SECRET);
      p.put("AllowedOrigins", ORIGINS);
      p.put("ResultsReaderPrincipalArn", READER);
      p.put("PlayAuthAuthType", playAuthType);
      p.put("RefreshUploadAuthType", refreshUploadAuthType);
      p.put("CreateUploadAuthType", createUploadAuthType);
      p.put("UploadRetryQueue", queue);
      p.put("PlayAuthReservedConcurrency", "40");
      p.put("RefreshUploadReservedConcurrency", "8");
      p.put("CreateUploadReservedConcurrency", "6");
      p.put("MetricsNamespace", "VodAuthTest");
      p.put("Tracing", tokens ? "Active" : "PassThrough");
      if (alarmTopic) p.put("AlarmTopicArn", TOPIC);
      if (alarmTopic) { // the deployment's upload settings, all of them
        p.put("UploadWorkflowId", "wf-0123456789abcdef");
        p.put("UploadStorageLocation", "outin-0123456789abcdef.oss-cn-shanghai.aliyuncs.com");
        p.put("UploadAppId", "app-1000001");
        p.put("UploadCallbackUrl", "https://ops.example.com/vod-events?k=v");
        p.put("UploadMaxFileSize", "10737418240");
        p.put("UploadFileExtensions", "mp4,MOV,webm");
      } else if (tokens) {
        p.put("UploadTemplateGroupId", "0123456789abcdef0123456789abcdef");
      }
      p.putAll(playAuthKinds);
      if (tokens) {
        p.put("JwtIssuer", "https://issuer.example.com/");
        p.put("JwtAudience", "vod-player");
        p.put("JwtJwksUrl", "https://issuer.example.com/.well-known/jwks.json");
        p.put("JwtVideoClaim", "videos");
        p.put("JwtClockSkewSeconds", "30");
      }
      return p;
    }

    List<String> arguments() {
      List<String> args = new ArrayList<>();
      parameters().forEach((k, v) -> args.add(k + "=" + v));
      return args;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Setting> settings() {
    return Stream.of(
        new Setting("defaults: public player, signed uploader, EventBridge only, no alarm topic", "NONE", "AWS_IAM", false, "none", false),
        new Setting("signed player, tokens with a public uploader URL, created queue, alarm topic", "AWS_IAM", "NONE", true, "create", true),
        new Setting("public player with tokens, signed uploader, existing queue, JWT first with the PlayKey in the secret",
            "NONE", "AWS_IAM", true, EXISTING_QUEUE, false, Map.of("PlayAuthTypes", "JWT,VOD", "PlayKeyInSecret", "true",
                "PlayAuthJwtTimeout", "86400", "PlayAuthJwtFormats", "m3u8,mp4", "PlayAuthJwtDefinition", "HD,AUTO",
                "PlayAuthJwtResultType", "Multiple", "PlayAuthJwtOutputType", "cdn", "PlayAuthJwtAuthTimeout", "2592000")),
        new Setting("public player, signed uploader, JWT only from GetAppPlayKey, another app, empty content settings",
            "NONE", "AWS_IAM", false, "none", false, Map.of("PlayAuthTypes", "JWT", "VodAppId", "app-1000231",
                "PlayAuthJwtTimeout", "100", "PlayAuthJwtFormats", "", "PlayAuthJwtStreamType", "", "PlayKeyTtlSeconds", "60")),
        new Setting("both public with tokens, created queue", "NONE", "NONE", true, "create", false),
        new Setting("everything signed, no tokens, created queue, alarm topic", "AWS_IAM", "AWS_IAM", false, "create", true));
  }

  /** The stack CloudFormation would create from the translated template with these parameters. */
  private static JsonNode stack(Setting setting) throws Exception {
    return conditions(setting).stack().path("Resources");
  }

  private static CloudFormationConditions conditions(Setting setting) throws Exception {
    AwsTools.dir(); // skips, saying why, where the tools cannot run
    synchronized (TRANSLATED) {
      // Each translation is a python3 process of a few seconds: all settings at once, two at a time.
      if (TRANSLATED.isEmpty()) settings().parallel().forEach(SamTranslateTest::translate);
    }
    JsonNode translated = translate(setting);
    CloudFormationConditions cfn = new CloudFormationConditions(translated, setting.parameters());
    assertEquals(List.of(), cfn.failedRules(), "a supported setting passes the Rules");
    return cfn;
  }

  private static JsonNode translate(Setting setting) {
    return TRANSLATED.computeIfAbsent(String.join(" ", setting.arguments()), key -> {
      try {
        return JSON.readTree(AwsTools.samTranslate(SamTemplateTest.TEMPLATE, setting.arguments()));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    });
  }

  private static JsonNode ref(String name) {
    return JSON.createObjectNode().put("Ref", name);
  }

  private static JsonNode getAtt(String name, String attribute) {
    ObjectNode node = JSON.createObjectNode();
    node.putArray("Fn::GetAtt").add(name).add(attribute);
    return node;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void eachUrlServesTheLiveAliasAndIsPublicExactlyWhenItsAuthTypeIsNone(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    Map<String, String> authTypes = Map.of("PlayAuth", setting.playAuthType, "RefreshUpload", setting.refreshUploadAuthType,
        "CreateUpload", setting.createUploadAuthType);
    for (Map.Entry<String, String> function : authTypes.entrySet()) {
      String alias = function.getKey() + "FunctionAliaslive";
      JsonNode url = resources.path(function.getKey() + "FunctionUrl").path("Properties");
      assertEquals(function.getValue(), url.path("AuthType").asText(), function.getKey());
      assertEquals(ref(alias), url.path("TargetFunctionArn"), "the URL serves the SnapStart alias");
      assertEquals("live", resources.path(alias).path("Properties").path("Name").asText());

      Set<String> publicGrants = new TreeSet<>();
      for (JsonNode permission : resourcesOfType(resources, "AWS::Lambda::Permission")) {
        JsonNode p = permission.path("Properties");
        boolean onThisFunction = p.path("FunctionName").equals(ref(alias)) || p.path("FunctionName").equals(ref(function.getKey() + "Function"));
        if (!onThisFunction || !p.path("Principal").asText().equals("*")) continue;
        assertEquals(ref(alias), p.path("FunctionName"), "a public grant names the alias the URL serves");
        publicGrants.add(grant(p));
      }
      Set<String> expected = function.getValue().equals("NONE")
          ? Set.of("lambda:InvokeFunction InvokedViaFunctionUrl=true", "lambda:InvokeFunctionUrl FunctionUrlAuthType=NONE")
          : Set.of();
      assertEquals(expected, publicGrants, function.getKey() + " with AuthType " + function.getValue());
    }
  }

  /**
   * Our explicit grants are exactly what the translator writes itself for a literal AuthType NONE,
   * and our dead-letter queue's statement for EventBridge exactly what it writes for a rule
   * DeadLetterConfig of its own making ({@code Type: SQS}), less the queue it would create
   * (unencrypted, four days, readable by the whole account).
   */
  @Test
  void publicGrantsAndTheRuleDeadLetterPolicyMatchWhatTheTranslatorWritesItself() throws Exception {
    ObjectNode literal = JSON.valueToTree(CloudFormationYaml.load(SamTemplateTest.TEMPLATE));
    ObjectNode resources = (ObjectNode) literal.path("Resources");
    List<String> ours = new ArrayList<>();
    resources.fieldNames().forEachRemaining(name -> {
      if (resources.path(name).path("Type").asText().equals("AWS::Lambda::Permission")) ours.add(name);
    });
    assertEquals(6, ours.size(), "two grants per URL: " + ours);
    resources.remove(ours);
    for (String function : List.of("PlayAuthFunction", "RefreshUploadFunction", "CreateUploadFunction")) {
      ((ObjectNode) resources.path(function).path("Properties").path("FunctionUrlConfig")).put("AuthType", "NONE");
    }
    ObjectNode ruleProperties = (ObjectNode) resources.path("RefreshUploadFunction").path("Properties").path("Events")
        .path("UploadRetry").path("Properties");
    ruleProperties.putObject("DeadLetterConfig").put("Type", "SQS");
    Path copy = Files.createTempFile(Path.of("target"), "template-literal-none", ".json");
    Setting setting = new Setting("literal", "NONE", "NONE", true, "none", false);
    JsonNode translated;
    try {
      Files.write(copy, JSON.writeValueAsBytes(literal));
      translated = JSON.readTree(AwsTools.samTranslate(copy, setting.arguments()));
    } finally {
      Files.deleteIfExists(copy);
    }
    Set<String> translators = new TreeSet<>();
    for (JsonNode permission : resourcesOfType(translated.path("Resources"), "AWS::Lambda::Permission")) {
      JsonNode p = permission.path("Properties");
      if (p.path("Principal").asText().equals("*")) translators.add(p.path("FunctionName").path("Ref").asText() + " " + grant(p));
    }
    Set<String> mine = new TreeSet<>();
    for (JsonNode permission : resourcesOfType(stack(setting), "AWS::Lambda::Permission")) {
      JsonNode p = permission.path("Properties");
      if (p.path("Principal").asText().equals("*")) mine.add(p.path("FunctionName").path("Ref").asText() + " " + grant(p));
    }
    assertEquals(6, translators.size(), translators.toString());
    assertEquals(translators, mine);

    JsonNode samQueue = translated.path("Resources").path("RefreshUploadFunctionUploadRetryQueuePolicy").path("Properties")
        .path("PolicyDocument").path("Statement").path(0);
    ObjectNode samStatement = samQueue.deepCopy();
    samStatement.set("Resource", getAtt("UploadRetryDeadLetterQueue", "Arn"));
    JsonNode ourStatement = null;
    for (JsonNode statement : queuePolicy(stack(setting), "UploadRetryDeadLetterQueue").path("Statement")) {
      if (statement.path("Principal").path("Service").asText().equals("events.amazonaws.com")) ourStatement = ((ObjectNode) statement.deepCopy()).without("Sid");
    }
    assertEquals(samStatement, ourStatement, "the translator's own statement, for our queue");
  }

  @Test
  void aPublicRefreshUploadUrlWithoutTokensIsRefusedByTheRules() throws Exception {
    Setting unsafe = new Setting("unsafe", "NONE", "NONE", false, "none", false);
    JsonNode translated = JSON.readTree(AwsTools.samTranslate(SamTemplateTest.TEMPLATE, unsafe.arguments())); // the Rules pass through
    Map<String, String> parameters = new HashMap<>(unsafe.parameters());
    parameters.put("CreateUploadAuthType", "AWS_IAM"); // refresh-upload's face alone
    List<String> failed = new CloudFormationConditions(translated, parameters).failedRules();
    assertEquals(1, failed.size(), failed.toString());
    assertTrue(failed.get(0).startsWith("RefreshUploadAuthType NONE needs JwtIssuer"), failed.get(0));
    Map<String, String> sameSecret = new HashMap<>(settings().findFirst().get().parameters());
    sameSecret.put("RefreshUploadSecretArn", PLAY_SECRET);
    assertEquals(1, new CloudFormationConditions(translated, sameSecret).failedRules().size());
    for (String other : List.of(PLAY_SECRET, UPLOAD_SECRET)) {
      Map<String, String> shared = new HashMap<>(settings().findFirst().get().parameters());
      shared.put("CreateUploadSecretArn", other);
      assertEquals(1, new CloudFormationConditions(translated, shared).failedRules().size(), other);
    }
  }

  @Test
  void aPublicCreateUploadUrlWithoutTokensOrATemplateGroupWithAWorkflowIsRefusedByTheRules() throws Exception {
    Setting safe = settings().findFirst().get();
    JsonNode translated = translate(safe);
    Map<String, String> anonymous = new HashMap<>(safe.parameters());
    anonymous.put("CreateUploadAuthType", "NONE");
    List<String> failed = new CloudFormationConditions(translated, anonymous).failedRules();
    assertEquals(1, failed.size(), failed.toString());
    assertTrue(failed.get(0).startsWith("CreateUploadAuthType NONE needs JwtIssuer"), failed.get(0));
    Map<String, String> both = new HashMap<>(safe.parameters());
    both.put("UploadTemplateGroupId", "tg");
    both.put("UploadWorkflowId", "wf");
    failed = new CloudFormationConditions(translated, both).failedRules();
    assertEquals(List.of("Set UploadTemplateGroupId or UploadWorkflowId, not both."), failed);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"JwtAudience", "JwtJwksUrl"})
  void tokensWithoutAnAudienceOrAKeysUrlAreRefusedByTheRules(String missing) throws Exception {
    AwsTools.dir(); // skips, saying why, where the tools cannot run
    for (Setting setting : settings().filter(s -> s.tokens).toArray(Setting[]::new)) {
      assertEquals(List.of(), conditions(setting).failedRules(), setting + ": tokens on with both pass");
      Map<String, String> parameters = new LinkedHashMap<>(setting.parameters());
      parameters.put(missing, "");
      JsonNode translated = translate(setting); // the Rules pass through the translator as written
      List<String> failed = new CloudFormationConditions(translated, parameters).failedRules();
      assertEquals(1, failed.size(), setting + ": " + failed);
      assertTrue(failed.get(0).startsWith("JwtIssuer needs " + missing), failed.get(0));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void theRuleTargetsTheLiveAliasWithRetriesAndADeadLetterQueueThatAcceptsOnlyThatRule(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    JsonNode rule = resources.path("RefreshUploadFunctionUploadRetry");
    assertEquals("AWS::Events::Rule", rule.path("Type").asText());
    JsonNode target = rule.path("Properties").path("Targets").path(0);
    assertEquals(ref("RefreshUploadFunctionAliaslive"), target.path("Arn"));
    assertTrue(target.path("RetryPolicy").path("MaximumRetryAttempts").asInt() >= 1);
    assertTrue(target.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt() >= 60);
    assertEquals(getAtt("UploadRetryDeadLetterQueue", "Arn"), target.path("DeadLetterConfig").path("Arn"));

    JsonNode invoke = resources.path("RefreshUploadFunctionUploadRetryPermission").path("Properties");
    assertEquals("events.amazonaws.com", invoke.path("Principal").asText());
    assertEquals(ref("RefreshUploadFunctionAliaslive"), invoke.path("FunctionName"));
    assertEquals(getAtt("RefreshUploadFunctionUploadRetry", "Arn"), invoke.path("SourceArn"));

    JsonNode config = resources.path("RefreshUploadFunctionEventInvokeConfig").path("Properties");
    assertEquals("live", config.path("Qualifier").asText());
    assertEquals(getAtt("UploadRetryResultsQueue", "Arn"), config.path("DestinationConfig").path("OnSuccess").path("Destination"));
    assertEquals(getAtt("UploadRetryDeadLetterQueue", "Arn"), config.path("DestinationConfig").path("OnFailure").path("Destination"));

    JsonNode eventsMaySend = null;
    for (JsonNode s : queuePolicy(resources, "UploadRetryDeadLetterQueue").path("Statement")) {
      if (s.path("Principal").path("Service").asText().equals("events.amazonaws.com")) eventsMaySend = s;
    }
    assertTrue(eventsMaySend != null, "EventBridge may dead-letter to the queue");
    assertEquals("Allow", eventsMaySend.path("Effect").asText());
    assertEquals("sqs:SendMessage", eventsMaySend.path("Action").asText());
    assertEquals(getAtt("RefreshUploadFunctionUploadRetry", "Arn"), eventsMaySend.path("Condition").path("ArnEquals").path("aws:SourceArn"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void eachRoleMayDoOnlyWhatItsFunctionNeeds(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    assertEquals(Set.of("secretsmanager:GetSecretValue " + PLAY_SECRET), statements(resources.path("PlayAuthFunctionRole")));
    assertEquals(Set.of("secretsmanager:GetSecretValue " + UPLOAD_SECRET,
        "sqs:SendMessage " + getAtt("UploadRetryResultsQueue", "Arn"),
        "sqs:SendMessage " + getAtt("UploadRetryDeadLetterQueue", "Arn")), statements(resources.path("RefreshUploadFunctionRole")));
    assertEquals(Set.of("secretsmanager:GetSecretValue " + CREATE_SECRET), statements(resources.path("CreateUploadFunctionRole")));
    for (String role : List.of("PlayAuthFunctionRole", "RefreshUploadFunctionRole", "CreateUploadFunctionRole")) {
      for (JsonNode managed : resources.path(role).path("Properties").path("ManagedPolicyArns")) {
        // Logs, and X-Ray's write-only policy the translator adds whenever Tracing is a Ref.
        assertTrue(Set.of("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
            "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess").contains(managed.asText()), role + ": " + managed);
      }
    }
    Map<String, String> env = new HashMap<>();
    for (String function : List.of("PlayAuthFunction", "RefreshUploadFunction", "CreateUploadFunction")) {
      JsonNode variables = resources.path(function).path("Properties").path("Environment").path("Variables");
      env.put(function, variables.path("VOD_SECRET_ARN").asText());
    }
    assertEquals(Map.of("PlayAuthFunction", PLAY_SECRET, "RefreshUploadFunction", UPLOAD_SECRET, "CreateUploadFunction", CREATE_SECRET),
        env, "each reads its own secret");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void theQueuePathIsAPipeFromTheQueueThroughTheLiveAliasToTheResultsQueue(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    boolean create = setting.queue.equals("create");
    assertEquals(create, resources.has("UploadRetrySourceQueue"));
    assertEquals(create, resources.has("UploadRetrySourceDeadLetterQueue"));
    if (setting.queue.equals("none")) {
      assertFalse(resources.has("UploadRetryPipe"));
      assertFalse(resources.has("UploadRetryPipeRole"));
      return;
    }
    JsonNode source = create ? getAtt("UploadRetrySourceQueue", "Arn") : JSON.getNodeFactory().textNode(setting.queue);
    JsonNode pipe = resources.path("UploadRetryPipe").path("Properties");
    assertEquals(source, pipe.path("Source"));
    assertEquals(ref("RefreshUploadFunctionAliaslive"), pipe.path("Enrichment"));
    assertEquals(getAtt("UploadRetryResultsQueue", "Arn"), pipe.path("Target"));
    assertEquals(getAtt("UploadRetryPipeRole", "Arn"), pipe.path("RoleArn"));
    int batch = pipe.path("SourceParameters").path("SqsQueueParameters").path("BatchSize").asInt();
    assertTrue(batch >= 1 && batch <= 10, "an SQS target takes at most 10 messages per batch: " + batch);
    assertTrue(pipe.path("TargetParameters").path("InputTemplate").asText().contains("<aws.pipes.event.json>"));
    if (create) {
      JsonNode queue = resources.path("UploadRetrySourceQueue").path("Properties");
      assertEquals(getAtt("UploadRetrySourceDeadLetterQueue", "Arn"), queue.path("RedrivePolicy").path("deadLetterTargetArn"));
      assertTrue(queue.path("RedrivePolicy").path("maxReceiveCount").asInt() >= 2);
      assertTrue(queue.path("VisibilityTimeout").asInt() >= 6 * resources.path("RefreshUploadFunction").path("Properties").path("Timeout").asInt(),
          "AWS advises a visibility timeout of at least six times the function timeout");
    }

    JsonNode role = resources.path("UploadRetryPipeRole").path("Properties");
    assertEquals("pipes.amazonaws.com", role.path("AssumeRolePolicyDocument").path("Statement").path(0).path("Principal").path("Service").asText());
    assertEquals(Set.of(
        "[\"sqs:ReceiveMessage\",\"sqs:DeleteMessage\",\"sqs:GetQueueAttributes\"] " + (source.isTextual() ? source.asText() : source),
        "lambda:InvokeFunction " + ref("RefreshUploadFunctionAliaslive"),
        "sqs:SendMessage " + getAtt("UploadRetryResultsQueue", "Arn")), statements(resources.path("UploadRetryPipeRole")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void queuesAreEncryptedAndWhatHoldsAnswersOrDeadLettersIsReadableOnlyByTheReader(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (!r.getValue().path("Type").asText().equals("AWS::SQS::Queue")) continue;
      assertTrue(r.getValue().path("Properties").path("SqsManagedSseEnabled").asBoolean(), r.getKey() + " is encrypted");
    }
    int resultsRetention = resources.path("UploadRetryResultsQueue").path("Properties").path("MessageRetentionPeriod").asInt();
    assertTrue(resultsRetention >= 60 && resultsRetention <= 3600, "answers outlive no upload credential: " + resultsRetention);
    List<String> guarded = new ArrayList<>(List.of("UploadRetryResultsQueue", "UploadRetryDeadLetterQueue"));
    if (setting.queue.equals("create")) guarded.add("UploadRetrySourceDeadLetterQueue");
    for (String queue : guarded) {
      boolean readerAllowed = false;
      boolean othersDenied = false;
      for (JsonNode s : queuePolicy(resources, queue).path("Statement")) {
        if (s.path("Effect").asText().equals("Allow") && s.path("Principal").path("AWS").asText().equals(READER)) {
          readerAllowed = s.path("Action").toString().contains("sqs:ReceiveMessage");
        }
        if (s.path("Effect").asText().equals("Deny") && s.path("Principal").asText().equals("*")
            && s.path("Action").toString().contains("sqs:ReceiveMessage")) {
          othersDenied = READER.equals(s.path("Condition").path("ArnNotEquals").path("aws:PrincipalArn").asText());
        }
        assertFalse(s.path("Effect").asText().equals("Allow") && s.path("Principal").asText().equals("*"), queue + ": " + s);
      }
      assertTrue(readerAllowed, queue + ": the reader may receive");
      assertTrue(othersDenied, queue + ": no one else may receive");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void alarmsWatchErrorsThrottlingCredentialsDeadLettersAndDurationAndNotifyTheTopicWhenGiven(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    Set<String> alarms = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      if (!r.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) continue;
      alarms.add(r.getKey());
      JsonNode p = r.getValue().path("Properties");
      if (setting.alarmTopic) {
        assertEquals("[\"" + TOPIC + "\"]", p.path("AlarmActions").toString(), r.getKey());
      } else {
        assertTrue(p.path("AlarmActions").isMissingNode(), r.getKey() + " has no action without a topic");
      }
      assertEquals("notBreaching", p.path("TreatMissingData").asText(), r.getKey());
      for (JsonNode metric : metricsOf(p)) {
        String namespace = metric.path("Namespace").asText();
        assertTrue(Set.of("AWS/Lambda", "AWS/SQS", "VodAuthTest").contains(namespace), r.getKey() + ": " + namespace);
        for (JsonNode d : metric.path("Dimensions")) {
          if (d.path("Name").asText().equals("Function")) assertTrue(Set.of("play-auth", "refresh-upload", "create-upload").contains(d.path("Value").asText()));
        }
      }
    }
    Set<String> expected = new TreeSet<>();
    for (String f : List.of("PlayAuth", "RefreshUpload", "CreateUpload")) {
      for (String a : List.of("ErrorRate", "ServerErrorRate", "VodThrottled", "CredentialsRejected", "DurationNearTimeout", "ConcurrencyCap")) {
        expected.add(f + a + "Alarm");
      }
    }
    expected.add("UploadRetryDeadLetterQueueAlarm");
    if (setting.queue.equals("create")) expected.add("UploadRetrySourceDeadLetterQueueAlarm");
    assertEquals(expected, alarms);
    int timeoutMillis = resources.path("PlayAuthFunction").path("Properties").path("Timeout").asInt() * 1000;
    double threshold = resources.path("PlayAuthDurationNearTimeoutAlarm").path("Properties").path("Threshold").asDouble();
    assertTrue(threshold < timeoutMillis && threshold >= 0.5 * timeoutMillis, "near the timeout: " + threshold);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void corsConcurrencyMetricsAndTracingReachTheFunctions(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    JsonNode playCors = resources.path("PlayAuthFunctionUrl").path("Properties").path("Cors");
    JsonNode uploadCors = resources.path("RefreshUploadFunctionUrl").path("Properties").path("Cors");
    boolean uploadTakesTokens = setting.tokens && setting.refreshUploadAuthType.equals("NONE");
    assertEquals(uploadTakesTokens, !uploadCors.isMissingNode(), "refresh-upload answers CORS only when it takes tokens");
    for (JsonNode cors : uploadTakesTokens ? List.of(playCors, uploadCors) : List.of(playCors)) {
      assertEquals("[\"https://www.example.com\",\"https://m.example.com\"]", cors.path("AllowOrigins").toString());
      assertEquals("[\"authorization\",\"content-type\"]", cors.path("AllowHeaders").toString());
      assertEquals("[\"GET\",\"POST\"]", cors.path("AllowMethods").toString());
      assertTrue(cors.path("ExposeHeaders").toString().contains("\"x-request-id\""));
      assertTrue(cors.path("ExposeHeaders").toString().contains("\"retry-after\""));
    }
    JsonNode createCors = resources.path("CreateUploadFunctionUrl").path("Properties").path("Cors");
    assertEquals(setting.tokens && setting.createUploadAuthType.equals("NONE"), !createCors.isMissingNode(),
        "create-upload answers CORS only when it takes tokens");
    if (!createCors.isMissingNode()) assertEquals(uploadCors, createCors);
    for (String function : List.of("PlayAuthFunction", "RefreshUploadFunction", "CreateUploadFunction")) {
      JsonNode p = resources.path(function).path("Properties");
      JsonNode env = p.path("Environment").path("Variables");
      assertEquals("VodAuthTest", env.path("METRICS_NAMESPACE").asText());
      assertEquals("", env.path("CORS_ALLOWED_ORIGINS").asText("missing"), "the URL answers CORS, not the handler");
      assertEquals(setting.parameters().get("Tracing"), p.path("TracingConfig").path("Mode").asText());
    }
    assertEquals("40", resources.path("PlayAuthFunction").path("Properties").path("ReservedConcurrentExecutions").asText());
    assertEquals("8", resources.path("RefreshUploadFunction").path("Properties").path("ReservedConcurrentExecutions").asText());
    assertEquals("6", resources.path("CreateUploadFunction").path("Properties").path("ReservedConcurrentExecutions").asText());
  }

  /** create-upload starts with what the stack gives it: the deployment's upload settings, checked by the operation. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void createUploadGetsTheDeploymentsUploadSettingsAndStartsWithThem(Setting setting) throws Exception {
    JsonNode env = stack(setting).path("CreateUploadFunction").path("Properties").path("Environment").path("Variables");
    Map<String, String> given = setting.parameters();
    Map<String, String> variables = new HashMap<>();
    env.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
    String[][] pairs = {{"VOD_UPLOAD_TEMPLATE_GROUP_ID", "UploadTemplateGroupId"}, {"VOD_UPLOAD_WORKFLOW_ID", "UploadWorkflowId"},
        {"VOD_UPLOAD_STORAGE_LOCATION", "UploadStorageLocation"}, {"VOD_UPLOAD_APP_ID", "UploadAppId"},
        {"VOD_UPLOAD_CALLBACK_URL", "UploadCallbackUrl"}, {"VOD_UPLOAD_MAX_FILE_SIZE", "UploadMaxFileSize"},
        {"VOD_UPLOAD_FILE_EXTENSIONS", "UploadFileExtensions"}};
    for (String[] pair : pairs) assertEquals(given.get(pair[1]), variables.get(pair[0]), pair[0]);
    dev.vodauth.operation.Operations.all(Config.from(variables)); // throws on a value the operation refuses
  }

  /**
   * A URL takes SigV4 signatures or caller tokens, never both (both use the Authorization
   * header): a function gets the token settings exactly when tokens are on and its URL is NONE.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void aFunctionTakesTokensExactlyWhenTokensAreOnAndItsUrlIsPublic(Setting setting) throws Exception {
    CloudFormationConditions cfn = conditions(setting);
    JsonNode resources = cfn.stack().path("Resources");
    Map<String, String> given = setting.parameters();
    Map<String, String> authTypes = Map.of("PlayAuth", setting.playAuthType, "RefreshUpload", setting.refreshUploadAuthType,
        "CreateUpload", setting.createUploadAuthType);
    for (Map.Entry<String, String> function : authTypes.entrySet()) {
      String name = function.getKey() + "Function";
      boolean takesTokens = setting.tokens && function.getValue().equals("NONE");
      assertEquals(takesTokens, cfn.condition(function.getKey() + "TakesTokens"), name);
      JsonNode env = resources.path(name).path("Properties").path("Environment").path("Variables");
      assertEquals("AWS::Lambda::Function", resources.path(name).path("Type").asText());
      for (String[] pair : new String[][] {{"JWT_ISSUER", "JwtIssuer"}, {"JWT_AUDIENCE", "JwtAudience"}, {"JWT_JWKS_URL", "JwtJwksUrl"},
          {"JWT_VIDEO_CLAIM", "JwtVideoClaim"}, {"JWT_CLOCK_SKEW_SECONDS", "JwtClockSkewSeconds"}}) {
        String expected = takesTokens ? given.get(pair[1]) : null;
        assertEquals(expected, env.has(pair[0]) ? env.path(pair[0]).asText() : null,
            name + " " + pair[0] + " with URL " + function.getValue() + (setting.tokens ? ", tokens on" : ", tokens off"));
      }
      // What the function would start with: a valid configuration, tokens on exactly as above.
      Map<String, String> variables = new HashMap<>();
      env.fields().forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
      assertEquals(takesTokens, Config.from(variables).tokensOn(), name);
    }
  }

  /**
   * play-auth gets its kinds and the JWTPlayAuth settings, and starts with them (the PlayKey from
   * the secret when asked, else GetAppPlayKey); no PlayKey is ever a template value; refresh-upload
   * gets none of them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void playAuthKindsReachPlayAuthOnlyAndItStartsWithThem(Setting setting) throws Exception {
    JsonNode resources = stack(setting);
    Map<String, String> variables = new HashMap<>();
    resources.path("PlayAuthFunction").path("Properties").path("Environment").path("Variables").fields()
        .forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
    assertFalse(variables.containsKey(Config.VOD_PLAY_KEY), "the PlayKey is never a template value");
    String kinds = setting.playAuthKinds.getOrDefault("PlayAuthTypes", "VOD");
    assertEquals(kinds, variables.get(Config.PLAY_AUTH_TYPES));
    dev.vodauth.playauth.PlayAuthSettings started = dev.vodauth.playauth.PlayAuthSettings.from(Config.from(variables).settings());
    assertEquals(kinds.split(",")[0], started.offered().get(0).name());
    assertEquals(Integer.parseInt(setting.playAuthKinds.getOrDefault("PlayAuthJwtTimeout", "3600")), started.timeoutMaxSeconds());
    assertEquals(started.timeoutMaxSeconds(), started.timeoutDefaultSeconds());
    boolean inSecret = setting.playAuthKinds.getOrDefault("PlayKeyInSecret", "false").equals("true");
    assertEquals(inSecret, dev.vodauth.aws.keys.AwsKeySource.playKey(variables, java.time.Clock.systemUTC(), JSON) != null);
    JsonNode refresh = resources.path("RefreshUploadFunction").path("Properties").path("Environment").path("Variables");
    for (String name : List.of(Config.PLAY_AUTH_TYPES, "VOD_PLAY_KEY_IN_SECRET", Config.PLAY_AUTH_JWT_FORMATS)) {
      assertFalse(refresh.has(name), "refresh-upload has no " + name);
    }
  }

  @Test
  void cfnLintFindsNothing() throws Exception {
    AwsTools.Result lint = AwsTools.cfnLint(SamTemplateTest.TEMPLATE);
    assertEquals(0, lint.exit, "cfn-lint-run -t template.yml:\n" + lint.stdout + lint.stderr);
  }

  // ---- helpers ----

  private static List<JsonNode> resourcesOfType(JsonNode resources, String type) {
    List<JsonNode> found = new ArrayList<>();
    resources.forEach(r -> {
      if (r.path("Type").asText().equals(type)) found.add(r);
    });
    return found;
  }

  private static String grant(JsonNode permission) {
    String action = permission.path("Action").asText();
    if (permission.has("FunctionUrlAuthType")) return action + " FunctionUrlAuthType=" + permission.path("FunctionUrlAuthType").asText();
    if (permission.has("InvokedViaFunctionUrl")) return action + " InvokedViaFunctionUrl=" + permission.path("InvokedViaFunctionUrl").asText();
    return action;
  }

  /** Every Allow statement of a role's inline policies as "action(s) resource"; none may name "*". */
  private static Set<String> statements(JsonNode role) {
    Set<String> found = new TreeSet<>();
    for (JsonNode policy : role.path("Properties").path("Policies")) {
      for (JsonNode s : policy.path("PolicyDocument").path("Statement")) {
        assertEquals("Allow", s.path("Effect").asText(), s.toString());
        assertFalse(s.path("Resource").toString().contains("\"*\""), "no wildcard resource: " + s);
        assertFalse(s.path("Action").toString().contains("*"), "no wildcard action: " + s);
        String action = s.path("Action").isTextual() ? s.path("Action").asText() : s.path("Action").toString();
        JsonNode resource = s.path("Resource");
        found.add(action + " " + (resource.isTextual() ? resource.asText() : resource.toString()));
      }
    }
    return found;
  }

  private static JsonNode queuePolicy(JsonNode resources, String queue) {
    for (JsonNode policy : resourcesOfType(resources, "AWS::SQS::QueuePolicy")) {
      for (JsonNode q : policy.path("Properties").path("Queues")) {
        if (q.equals(ref(queue))) return policy.path("Properties").path("PolicyDocument");
      }
    }
    throw new AssertionError("no queue policy for " + queue);
  }

  private static List<JsonNode> metricsOf(JsonNode alarm) {
    List<JsonNode> metrics = new ArrayList<>();
    if (alarm.has("MetricName")) metrics.add(alarm);
    for (JsonNode m : alarm.path("Metrics")) {
      if (m.has("MetricStat")) metrics.add(m.path("MetricStat").path("Metric"));
    }
    return metrics;
  }
}
