package dev.vodauth.fc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.vodauth.config.Config;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The top-level s.yaml, rendered with its defaults: each resource's props against the fc3
 * component's own schema, then what that schema leaves open.
 */
class ServerlessYamlTest {
  private static final Path S_YAML = Paths.get("").toAbsolutePath().resolve("../../s.yaml").normalize();
  private static final String ACCOUNT = "123456789012";

  private JsonNode document;
  private JsonNode playAuth;
  private JsonNode refreshUpload;
  private JsonNode createUpload;

  @BeforeEach
  void render() throws Exception {
    document = render(Map.of());
    playAuth = document.path("resources").path("play-auth").path("props");
    refreshUpload = document.path("resources").path("refresh-upload").path("props");
    createUpload = document.path("resources").path("create-upload").path("props");
  }

  private static JsonNode render(Map<String, String> environment) throws Exception {
    return new ServerlessYaml(environment, Map.of("AccountID", ACCOUNT)).render(S_YAML);
  }

  @Test
  void isAServerlessDevs3DocumentOfThreeFc3Resources() {
    assertEquals("3.0.0", document.path("edition").asText());
    assertEquals(Set.of("play-auth", "refresh-upload", "create-upload"), names(document.path("resources")));
    document.path("resources").forEach(resource -> assertEquals("fc3", resource.path("component").asText()));
  }

  @Test
  void everyResourcesPropsMatchTheFc3Schema() throws Exception {
    Path schemaFile = FcHarness.sharedDir() == null ? null : FcHarness.sharedDir().resolve("schemas/fc3-props.schema.json");
    assumeTrue(schemaFile != null && Files.isRegularFile(schemaFile),
        "../shared/schemas/fc3-props.schema.json not found beside the clone: s.yaml is not validated against it");
    JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(FcHarness.read(schemaFile));
    for (Iterator<Map.Entry<String, JsonNode>> it = document.path("resources").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> resource = it.next();
      Set<ValidationMessage> errors = schema.validate(resource.getValue().path("props"));
      assertEquals(Set.of(), errors, resource.getKey());
    }
  }

  @Test
  void functionsRunJava11WithTheBuiltJarAndRealHandlerClasses() throws Exception {
    for (JsonNode props : List.of(playAuth, refreshUpload, createUpload)) {
      assertEquals("java11", props.path("runtime").asText(), "FC's built-in Java runtimes are java8 and java11");
      assertEquals("./functions/aliyun-fc/target/vod-auth-aliyun-fc.jar", props.path("code").asText());
      assertEquals(0, props.path("memorySize").asInt() % 64, "memorySize is a multiple of 64");
      assertTrue(props.path("timeout").asInt() > 0);
      assertTrue(props.path("instanceConcurrency").asInt() > 1, "the handlers are thread-safe");
      assertFalse(props.has("initializer"), "FC 3.0 takes instanceLifecycleConfig, not the 2.0 key");
      assertHandler(props.path("handler").asText(), StreamRequestHandler.class, "handleRequest",
          InputStream.class, OutputStream.class, Context.class);
      JsonNode initializer = props.path("instanceLifecycleConfig").path("initializer");
      assertHandler(initializer.path("handler").asText(), FunctionInitializer.class, "initialize", Context.class);
      assertEquals(className(props.path("handler").asText()), className(initializer.path("handler").asText()));
      assertTrue(props.has("logConfig"), "logs are collected");
      assertTrue(props.path("role").asText().startsWith("acs:ram::" + ACCOUNT + ":role/"));
    }
    assertEquals("dev.vodauth.fc.PlayAuthHandler", className(playAuth.path("handler").asText()));
    assertEquals("dev.vodauth.fc.RefreshUploadHandler", className(refreshUpload.path("handler").asText()));
    assertEquals("dev.vodauth.fc.CreateUploadHandler", className(createUpload.path("handler").asText()));
    assertEquals(3, Set.of(playAuth.path("role").asText(), refreshUpload.path("role").asText(), createUpload.path("role").asText()).size(),
        "one role per function, one VOD action each");
  }

  @Test
  void environmentVariablesAreAValidConfiguration() {
    for (JsonNode props : List.of(playAuth, refreshUpload, createUpload)) {
      Map<String, String> environment = new HashMap<>();
      props.path("environmentVariables").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));
      Config config = Config.from(environment);
      assertFalse(InitializerPriming.from(environment), "on-demand instances do not prime");
      dev.vodauth.operation.Operations.all(config); // every operation starts with it
      assertEquals("cn-shanghai", config.region());
      assertEquals(List.of(), config.corsAllowedOrigins(), "no placeholder origin: CORS is off until the user names one");
    }
  }

  private static final Map<String, String> TOKENS = Map.of("VOD_ALLOWED_ORIGINS", "https://www.example.com,https://m.example.com",
      "VOD_JWT_ISSUER", "https://id.example.com/", "VOD_JWT_AUDIENCE", "vod-player",
      "VOD_JWT_JWKS_URL", "https://id.example.com/.well-known/jwks.json", "VOD_JWT_VIDEO_CLAIM", "videos",
      "VOD_JWT_CLOCK_SKEW_SECONDS", "30", "VOD_JWT_MAX_LIFETIME_SECONDS", "3600");

  /**
   * A trigger takes FC's signatures (authType function) or caller tokens, never both (both use
   * the Authorization header): with tokens on, a function gets the token settings exactly when
   * its HTTP trigger is anonymous, and each function's environment is one it starts with.
   */
  @Test
  void withTokensOnOnlyAFunctionBehindAnAnonymousTriggerGetsTheTokenSettings() throws Exception {
    for (String playAuthType : List.of("anonymous", "function")) {
      for (String refreshUploadType : List.of("function", "anonymous")) {
        Map<String, String> environment = new HashMap<>(TOKENS);
        environment.put("VOD_PLAY_AUTH_AUTH_TYPE", playAuthType);
        environment.put("VOD_REFRESH_UPLOAD_AUTH_TYPE", refreshUploadType);
        environment.put("VOD_CREATE_UPLOAD_AUTH_TYPE", refreshUploadType);
        JsonNode rendered = render(environment).path("resources");
        for (String function : List.of("play-auth", "refresh-upload", "create-upload")) {
          JsonNode props = rendered.path(function).path("props");
          String authType = props.path("triggers").get(0).path("triggerConfig").path("authType").asText();
          String setting = function + " behind authType " + authType;
          boolean takesTokens = authType.equals("anonymous");
          JsonNode variables = props.path("environmentVariables");
          assertEquals("https://www.example.com,https://m.example.com", variables.path("CORS_ALLOWED_ORIGINS").asText(), setting);
          assertEquals(takesTokens ? "https://id.example.com/" : "", variables.path("JWT_ISSUER").asText(), setting);
          assertEquals(takesTokens ? "vod-player" : "", variables.path("JWT_AUDIENCE").asText(), setting);
          assertEquals(takesTokens ? "https://id.example.com/.well-known/jwks.json" : "", variables.path("JWT_JWKS_URL").asText(), setting);
          assertEquals(takesTokens ? "videos" : "", variables.path("JWT_VIDEO_CLAIM").asText(), setting);
          assertEquals(takesTokens ? "30" : "", variables.path("JWT_CLOCK_SKEW_SECONDS").asText(), setting);
          assertEquals(takesTokens ? "3600" : "", variables.path("JWT_MAX_LIFETIME_SECONDS").asText(), setting);
          Map<String, String> env = new HashMap<>();
          variables.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
          assertEquals(takesTokens, Config.from(env).tokensOn(), setting + ": starts, tokens on exactly there");
        }
      }
    }
    for (JsonNode props : List.of(playAuth, refreshUpload, createUpload)) {
      assertEquals("", props.path("environmentVariables").path("JWT_ISSUER").asText(), "tokens are off by default");
    }
  }

  /**
   * play-auth's kinds and JWTPlayAuth settings reach play-auth only, each combination starts, and no
   * PlayKey is ever in the file (the role reads it with GetAppPlayKey).
   */
  @Test
  void playAuthKindsAndJwtSettingsReachPlayAuthOnlyAndStart() throws Exception {
    assertEquals("VOD", playAuth.path("environmentVariables").path(Config.PLAY_AUTH_TYPES).asText(), "classic only by default");
    for (String kinds : List.of("VOD", "JWT", "VOD,JWT", "JWT,VOD")) {
      Map<String, String> settings = new HashMap<>(Map.of("VOD_PLAY_AUTH_TYPES", kinds,
          "VOD_PLAY_AUTH_JWT_TIMEOUT_MAX", "7200", "VOD_PLAY_AUTH_JWT_FORMATS", "m3u8", "VOD_PLAY_AUTH_JWT_DEFINITION", "HD,SD",
          "VOD_PLAY_AUTH_JWT_OUTPUT_TYPE", "cdn", "VOD_APP_ID", "app-1000231"));
      JsonNode rendered = render(settings).path("resources");
      JsonNode variables = rendered.path("play-auth").path("props").path("environmentVariables");
      Map<String, String> env = new HashMap<>();
      variables.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      assertFalse(env.containsKey(Config.VOD_PLAY_KEY), "no PlayKey in s.yaml");
      dev.vodauth.playauth.PlayAuthSettings playAuthSettings =
          dev.vodauth.playauth.PlayAuthSettings.from(Config.from(env).settings());
      assertEquals(kinds.split(",")[0], playAuthSettings.offered().get(0).name(), kinds);
      assertEquals(7200, playAuthSettings.timeoutMaxSeconds());
      assertEquals("app-1000231", playAuthSettings.appId());
      JsonNode refresh = rendered.path("refresh-upload").path("props").path("environmentVariables");
      assertFalse(refresh.has(Config.PLAY_AUTH_TYPES), "refresh-upload has no play-auth settings");
    }
  }

  @Test
  void refreshUploadIsSignedOnlyUnlessTheUserOptsIntoAnonymousForTokens() throws Exception {
    JsonNode signed = refreshUpload.path("triggers").get(0).path("triggerConfig");
    assertEquals("function", signed.path("authType").asText());

    JsonNode anonymous = render(Map.of("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous", "VOD_JWT_ISSUER", "https://id.example.com/"))
        .path("resources").path("refresh-upload").path("props").path("triggers").get(0).path("triggerConfig");
    assertEquals("anonymous", anonymous.path("authType").asText());
    assertTrue(texts(anonymous.path("methods")).contains("OPTIONS"), "a browser uploader's preflight reaches the function");
  }

  @Test
  void provisionedInstancesCanBeToldToPrime() throws Exception {
    JsonNode rendered = render(Map.of("VOD_PRIME_ON_INITIALIZE", "true")).path("resources");
    for (String function : List.of("play-auth", "refresh-upload", "create-upload")) {
      Map<String, String> env = new HashMap<>();
      rendered.path(function).path("props").path("environmentVariables").fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      assertTrue(InitializerPriming.from(env), function);
    }
  }

  /** create-upload: signed by default, anonymous only with an issuer, as refresh-upload. */
  @Test
  void createUploadIsSignedOnlyUnlessTokensAreOn() throws Exception {
    assertEquals("function", createUpload.path("triggers").get(0).path("triggerConfig").path("authType").asText());
    assertEquals(1, createUpload.path("triggers").size(), "an HTTP trigger only");
    JsonNode withoutIssuer = render(Map.of("VOD_CREATE_UPLOAD_AUTH_TYPE", "anonymous")).path("resources").path("create-upload").path("props");
    assertEquals("function", withoutIssuer.path("triggers").get(0).path("triggerConfig").path("authType").asText());
    JsonNode withIssuer = render(Map.of("VOD_CREATE_UPLOAD_AUTH_TYPE", "anonymous", "VOD_JWT_ISSUER", "https://id.example.com/"))
        .path("resources").path("create-upload").path("props");
    assertEquals("anonymous", withIssuer.path("triggers").get(0).path("triggerConfig").path("authType").asText());
  }

  /** The deployment's upload settings reach create-upload, and it starts with them; a bad one stops it, naming the variable. */
  @Test
  void createUploadGetsTheDeploymentsUploadSettings() throws Exception {
    Map<String, String> given = Map.of("VOD_UPLOAD_TEMPLATE_GROUP_ID", "0123456789abcdef", "VOD_UPLOAD_STORAGE_LOCATION",
        "outin-abc.oss-cn-shanghai.aliyuncs.com", "VOD_UPLOAD_APP_ID", "app-1000001", "VOD_UPLOAD_CALLBACK_URL",
        "https://ops.example.com/vod-events", "VOD_UPLOAD_MAX_FILE_SIZE", "10737418240", "VOD_UPLOAD_FILE_EXTENSIONS", "mp4,mov");
    JsonNode variables = render(given).path("resources").path("create-upload").path("props").path("environmentVariables");
    Map<String, String> env = new HashMap<>();
    variables.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    given.forEach((name, value) -> assertEquals(value, env.get(name), name));
    dev.vodauth.operation.Operations.all(Config.from(env));
    env.put("VOD_UPLOAD_FILE_EXTENSIONS", "exe");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> dev.vodauth.operation.Operations.all(Config.from(env)));
    assertTrue(refused.getMessage().startsWith("VOD_UPLOAD_FILE_EXTENSIONS"), refused.getMessage());
  }

  /** Anyone could get upload credentials from an anonymous trigger without tokens: s.yaml renders function then. */
  @Test
  void anonymousRefreshUploadWithoutAnIssuerRendersSigned() throws Exception {
    for (Map<String, String> environment : List.of(Map.of("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous"),
        Map.of("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous", "VOD_JWT_ISSUER", ""))) {
      JsonNode props = render(environment).path("resources").path("refresh-upload").path("props");
      assertEquals("function", props.path("triggers").get(0).path("triggerConfig").path("authType").asText(), environment.toString());
      assertEquals("", props.path("environmentVariables").path("JWT_ISSUER").asText(), environment.toString());
    }
    JsonNode withIssuer = render(Map.of("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous", "VOD_JWT_ISSUER", "https://id.example.com/"))
        .path("resources").path("refresh-upload").path("props");
    assertEquals("anonymous", withIssuer.path("triggers").get(0).path("triggerConfig").path("authType").asText());
    assertEquals("https://id.example.com/", withIssuer.path("environmentVariables").path("JWT_ISSUER").asText());
  }

  /**
   * Token settings without an issuer, behind any trigger: one condition gates each function's
   * trigger and its token settings, so none arrive (tokens stay off) and both functions start,
   * as on AWS (template.yml's PlayAuthTakesTokens / RefreshUploadTakesTokens).
   */
  @Test
  void tokenSettingsWithoutAnIssuerReachNoFunctionAndBothStart() throws Exception {
    for (String playAuthType : List.of("anonymous", "function")) {
      for (String refreshUploadType : List.of("function", "anonymous")) {
        Map<String, String> environment = new HashMap<>(TOKENS);
        environment.remove("VOD_JWT_ISSUER");
        environment.put("VOD_PLAY_AUTH_AUTH_TYPE", playAuthType);
        environment.put("VOD_REFRESH_UPLOAD_AUTH_TYPE", refreshUploadType);
        JsonNode rendered = render(environment).path("resources");
        assertEquals("function", rendered.path("refresh-upload").path("props").path("triggers").get(0).path("triggerConfig")
            .path("authType").asText(), environment.toString());
        for (String function : List.of("play-auth", "refresh-upload")) {
          Map<String, String> env = new HashMap<>();
          rendered.path(function).path("props").path("environmentVariables").fields()
              .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
          for (String name : List.of("JWT_ISSUER", "JWT_AUDIENCE", "JWT_JWKS_URL", "JWT_VIDEO_CLAIM", "JWT_CLOCK_SKEW_SECONDS",
              "JWT_MAX_LIFETIME_SECONDS")) {
            assertEquals("", env.getOrDefault(name, ""), function + " " + name + " " + environment);
          }
          assertFalse(Config.from(env).tokensOn(), function + " starts with tokens off: " + environment);
        }
      }
    }
  }

  /**
   * An issuer with every trigger signed would check no token anywhere: each resource's
   * pre-deploy action, run as Serverless Devs runs it (a shell command), stops the deploy naming
   * the settings; with any trigger anonymous, or no issuer, it does nothing.
   */
  @Test
  void tokensWithEveryTriggerSignedStopTheDeploy() throws Exception {
    List<String> kinds = List.of("anonymous", "function");
    for (String playAuthType : kinds) {
      for (String refreshUploadType : kinds) {
        for (String createUploadType : kinds) {
          for (boolean issuer : List.of(true, false)) {
            Map<String, String> environment = new HashMap<>(TOKENS);
            if (!issuer) environment.remove("VOD_JWT_ISSUER");
            environment.put("VOD_PLAY_AUTH_AUTH_TYPE", playAuthType);
            environment.put("VOD_REFRESH_UPLOAD_AUTH_TYPE", refreshUploadType);
            environment.put("VOD_CREATE_UPLOAD_AUTH_TYPE", createUploadType);
            boolean refused = issuer && !List.of(playAuthType, refreshUploadType, createUploadType).contains("anonymous");
            JsonNode rendered = render(environment).path("resources");
            for (String resource : List.of("play-auth", "refresh-upload", "create-upload")) {
              JsonNode action = rendered.path(resource).path("actions").path("pre-deploy").path(0);
              Process shell = new ProcessBuilder("sh", "-c", action.path("run").asText()).redirectErrorStream(true).start();
              String said = new String(shell.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
              assertEquals(refused ? 1 : 0, shell.waitFor(), resource + " " + environment + ": " + said);
              if (refused) assertTrue(said.startsWith("VOD_JWT_ISSUER is set but every HTTP trigger is authType function"), said);
            }
          }
        }
      }
    }
  }

  /** Tokens on without VOD_JWT_AUDIENCE: the function behind the anonymous trigger refuses to start, naming JWT_AUDIENCE. */
  @Test
  void tokensWithoutAnAudienceAreRefusedAtStart() throws Exception {
    Map<String, String> environment = new HashMap<>(TOKENS);
    environment.remove("VOD_JWT_AUDIENCE");
    environment.put("VOD_REFRESH_UPLOAD_AUTH_TYPE", "anonymous");
    environment.put("VOD_CREATE_UPLOAD_AUTH_TYPE", "anonymous");
    JsonNode rendered = render(environment).path("resources");
    for (String function : List.of("play-auth", "refresh-upload", "create-upload")) {
      Map<String, String> env = new HashMap<>();
      rendered.path(function).path("props").path("environmentVariables").fields()
          .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(env), function);
      assertTrue(e.getMessage().startsWith("JWT_AUDIENCE must be set when JWT_ISSUER is"), e.getMessage());
    }
  }

  @Test
  void eachFunctionHasASpendCapAndPlayAuthTheLargerOne() {
    int play = playAuth.path("concurrencyConfig").path("reservedConcurrency").asInt(-1);
    int refresh = refreshUpload.path("concurrencyConfig").path("reservedConcurrency").asInt(-1);
    int create = createUpload.path("concurrencyConfig").path("reservedConcurrency").asInt(-1);
    assertTrue(play >= 1 && play <= 270, "within 90 % of the default regional quota of 300: " + play);
    assertTrue(refresh >= 1 && refresh <= play, "uploads are rarer than plays: " + refresh);
    assertTrue(create >= 1 && create <= play, "uploads are rarer than plays: " + create);
  }

  @Test
  void cpuAndMemoryFollowFcs3Rules() {
    for (JsonNode props : List.of(playAuth, refreshUpload, createUpload)) {
      double cpu = props.path("cpu").asDouble();
      int memory = props.path("memorySize").asInt();
      assertEquals(0, Math.round(cpu * 100) % 5, "cpu in steps of 0.05 vCPU: " + cpu);
      double gbPerVcpu = memory / 1024.0 / cpu;
      assertTrue(gbPerVcpu >= 1 && gbPerVcpu <= 4, "memory (GB) : vCPU between 1:1 and 1:4, got 1:" + gbPerVcpu);
    }
  }

  @Test
  void logsGoToOneLogstoreOneLinePerEntryWithFcsMetricsOn() {
    for (JsonNode props : List.of(playAuth, refreshUpload, createUpload)) {
      JsonNode log = props.path("logConfig");
      assertEquals("vod-auth-functions", log.path("project").asText());
      assertEquals("invocations", log.path("logstore").asText());
      assertTrue(log.path("enableRequestMetrics").asBoolean(), "request metrics on");
      assertTrue(log.path("enableInstanceMetrics").asBoolean(), "instance metrics on");
      assertEquals("None", log.path("logBeginRule").asText(), "each JSON line is its own entry");
    }
  }

  @Test
  void theBatchCapIsTheQueueTriggersWindow() {
    JsonNode queue = refreshUpload.path("triggers").get(refreshUpload.path("triggers").size() - 1);
    int window = queue.path("triggerConfig").path("runOptions").path("batchWindow").path("CountBasedWindow").asInt();
    assertEquals(Integer.toString(window), refreshUpload.path("environmentVariables").path("EVENT_BATCH_MAX_MESSAGES").asText());
    assertFalse(playAuth.path("environmentVariables").has("EVENT_BATCH_MAX_MESSAGES"), "play-auth has no queue");
  }

  @Test
  void theMessageBoundIsSetOnRefreshUploadAsTheCoreReadsItAndIsWhatDestinationSizeTestProves() throws Exception {
    JsonNode variables = refreshUpload.path("environmentVariables");
    assertTrue(variables.path(Config.EVENT_MESSAGE_MAX_BYTES).isTextual(), "refresh-upload sets EVENT_MESSAGE_MAX_BYTES");
    int bound = Integer.parseInt(variables.path(Config.EVENT_MESSAGE_MAX_BYTES).asText());
    // The core reads it under that name, inside its allowed range, below the default (a typo would fall back to it).
    Config config = Config.from(Map.of(Config.EVENT_MESSAGE_MAX_BYTES, variables.path(Config.EVENT_MESSAGE_MAX_BYTES).asText()));
    assertEquals(bound, config.eventMessageMaxBytes());
    assertTrue(bound < Config.from(Map.of()).eventMessageMaxBytes(), "below the default: " + bound);
    // DestinationSizeTest renders the same s.yaml and configures the handler with the same value.
    assertEquals(variables.path(Config.EVENT_MESSAGE_MAX_BYTES),
        DestinationSizeTest.refreshUploadProps().path("environmentVariables").path(Config.EVENT_MESSAGE_MAX_BYTES));
    assertFalse(playAuth.path("environmentVariables").has(Config.EVENT_MESSAGE_MAX_BYTES), "play-auth has no queue");
  }

  @Test
  void playAuthHasAnAnonymousHttpTriggerForGetPostAndOptions() {
    JsonNode triggers = playAuth.path("triggers");
    assertEquals(1, triggers.size());
    JsonNode http = triggers.get(0);
    assertEquals("http", http.path("triggerType").asText());
    assertEquals("anonymous", http.path("triggerConfig").path("authType").asText());
    assertEquals(Set.of("GET", "POST", "OPTIONS"), texts(http.path("triggerConfig").path("methods")));
  }

  @Test
  void playAuthCanBeSwitchedToSignedCalls() throws Exception {
    JsonNode signed = render(Map.of("VOD_PLAY_AUTH_AUTH_TYPE", "function"));

    JsonNode trigger = signed.path("resources").path("play-auth").path("props").path("triggers").get(0);
    assertEquals("function", trigger.path("triggerConfig").path("authType").asText());
  }

  @Test
  void refreshUploadHasASignedHttpTriggerThenTheQueueTriggerLast() {
    JsonNode triggers = refreshUpload.path("triggers");
    assertEquals(2, triggers.size());
    JsonNode http = triggers.get(0);
    assertEquals("http", http.path("triggerType").asText());
    assertEquals("function", http.path("triggerConfig").path("authType").asText(), "an upload credential is never anonymous");
    assertEquals(Set.of("GET", "OPTIONS", "POST"), texts(http.path("triggerConfig").path("methods")));

    JsonNode queue = triggers.get(triggers.size() - 1);
    assertEquals("eventbridge", queue.path("triggerType").asText());
    JsonNode config = queue.path("triggerConfig");
    assertTrue(config.path("asyncInvocationType").asBoolean(), "asynchronous, so asyncInvokeConfig's destinations apply");
    assertTrue(config.path("triggerEnable").asBoolean());
    assertEquals("MNS", config.path("eventSourceConfig").path("eventSourceType").asText());
    assertEquals("vod-upload-retry",
        config.path("eventSourceConfig").path("eventSourceParameters").path("sourceMNSParameters").path("QueueName").asText());
    assertEquals("CloudEvents", config.path("eventSinkConfig").path("deliveryOption").path("eventSchema").asText());
    int batch = config.path("runOptions").path("batchWindow").path("CountBasedWindow").asInt();
    assertTrue(batch >= 1 && batch <= 10_000);
  }

  @Test
  void queueTriggersEventSourceIsTheOneTheSamplesCarry() {
    JsonNode queue = refreshUpload.path("triggers").get(1);
    String source = "MNS-" + refreshUpload.path("functionName").asText() + "-" + queue.path("triggerName").asText();
    Path sample = FcHarness.sharedDir() == null ? null
        : FcHarness.sharedDir().resolve("samples/aliyun-fc3/mns-queue-eventbridge-event.json");
    assumeTrue(sample != null && Files.isRegularFile(sample), "../shared/samples/aliyun-fc3 not found beside the clone");
    assertEquals(FcHarness.read(sample).path("source").asText(), source);
  }

  @Test
  void asyncInvocationsRetryBoundedlyAndAnswerToQueues() {
    JsonNode async = refreshUpload.path("asyncInvokeConfig");
    int retries = async.path("maxAsyncRetryAttempts").asInt(-1);
    assertTrue(retries >= 0 && retries <= 3, "bounded retries: " + retries);
    int age = async.path("maxAsyncEventAgeInSeconds").asInt();
    assertTrue(age > 0 && age <= 3600, "no older than an upload credential lives: " + age);
    String success = async.path("destinationConfig").path("onSuccess").path("destination").asText();
    String failure = async.path("destinationConfig").path("onFailure").path("destination").asText();
    assertEquals("acs:mns:cn-shanghai:" + ACCOUNT + ":/queues/vod-upload-results/messages", success);
    assertEquals("acs:mns:cn-shanghai:" + ACCOUNT + ":/queues/vod-upload-dead-letter/messages", failure);
    assertFalse(playAuth.has("asyncInvokeConfig"), "play-auth answers synchronously");
  }

  @Test
  void environmentOverridesTheDefaults() throws Exception {
    JsonNode hangzhou = render(Map.of("VOD_FC_REGION", "cn-hangzhou", "VOD_FC_PLAY_AUTH_ROLE", "my-role"));

    JsonNode props = hangzhou.path("resources").path("play-auth").path("props");
    assertEquals("cn-hangzhou", props.path("region").asText());
    assertEquals("acs:ram::" + ACCOUNT + ":role/my-role", props.path("role").asText());
  }

  private static void assertHandler(String handler, Class<?> kind, String method, Class<?>... parameters) throws Exception {
    String[] parts = handler.split("::");
    assertEquals(2, parts.length, handler);
    assertEquals(method, parts[1], handler);
    Path compiled = Paths.get("target/classes", parts[0].replace('.', '/') + ".class");
    assertTrue(Files.isRegularFile(compiled), "built: " + compiled);
    Class<?> type = Class.forName(parts[0]);
    assertTrue(kind.isAssignableFrom(type), type + " is a " + kind.getSimpleName());
    type.getMethod(method, parameters);
    type.getConstructor();
  }

  private static String className(String handler) {
    return handler.split("::")[0];
  }

  private static Set<String> names(JsonNode object) {
    Set<String> names = new TreeSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> texts = new TreeSet<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }
}
