package dev.vodauth.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.answer.Cors;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.auth.TokenPriming;
import dev.vodauth.config.Config;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.VodCredentials;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.playauth.JwtPlayAuth;
import dev.vodauth.playauth.PlayKeySource;
import dev.vodauth.request.CallRules;
import dev.vodauth.request.RepeatedFields;
import dev.vodauth.request.RequestReader;
import dev.vodauth.vod.VodClient;
import dev.vodauth.vod.VodOperation;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a container builds once: the configuration, the VOD client and the functions on top
 * of it. A platform handler holds one of these in a static field and reuses it.
 */
public final class VodFunctions {
  private final Config config;
  private final VodClient client;
  private final ObjectMapper json;
  private final Map<VodOperation, VodFunction> functions;
  private final JwtPlayAuth playAuth;

  private VodFunctions(Config config, VodClient client, InvocationLog log, ObjectMapper json, TokenCheck tokens,
      JwtPlayAuth playAuth) {
    this.config = config;
    this.client = client;
    // Event trees read by the adapters remember a field given twice (the input rules refuse one).
    this.json = RepeatedFields.remembered(json);
    this.playAuth = playAuth;
    this.functions = build(log, tokens);
  }

  private Map<VodOperation, VodFunction> build(InvocationLog log, TokenCheck tokens) {
    RequestReader reader = new RequestReader(json);
    CallRules rules = new CallRules(config);
    Map<VodOperation, VodFunction> built = new EnumMap<>(VodOperation.class);
    for (VodOperation operation : VodOperation.values()) {
      AnswerWriter writer = new AnswerWriter(json, cors(operation));
      built.put(operation, new VodFunction(operation, reader, rules, client, writer, log, json, tokens,
          config.eventBatchMaxMessages(), config.eventMessageMaxBytes(), operation == VodOperation.PLAY_AUTH ? playAuth : null));
    }
    return built;
  }

  /**
   * play-auth answers browsers from the allow-list; refresh-upload only when tokens are on:
   * without them it is a signed-only face (IAM URL, FC authType function) no page should call.
   */
  private Cors cors(VodOperation operation) {
    if (operation == VodOperation.REFRESH_UPLOAD && !config.tokensOn()) return Cors.none();
    return new Cors(config.corsAllowedOrigins());
  }

  /** Primes once, with the shared paths only: see {@link #prime(int, Consumer)}. */
  public void prime() {
    prime(1, twin -> {});
  }

  /**
   * Loads and runs the whole request path of both functions, HTTP to "VOD" included, without
   * calling VOD or reading keys: a twin of these functions, with made-up keys and logging off, is
   * pointed at a stand-in of VOD on a loopback socket ({@link LoopbackVod}) and answers GET and
   * POST (JSON, Base64 form), JSON and XML, refusals, a preflight, an event and a batch. The SDK's
   * HTTP client is one per process, so the container's own client is primed too. For SnapStart's
   * beforeCheckpoint and init, and FC's initializer.
   *
   * @param rounds how many times: one loads the classes; a few hundred let the JIT compile them,
   *     worth it before a SnapStart snapshot (which keeps compiled code)
   * @param platformPath runs the platform's own translation against the twin, each round
   */
  public void prime(int rounds, Consumer<VodFunctions> platformPath) {
    client.prepare(); // the container's own SDK client, built lazily otherwise, is built before the snapshot
    try (LoopbackVod vod = LoopbackVod.start()) {
      Map<String, String> overrides = new java.util.HashMap<>(Map.of(
          Config.VOD_ENDPOINT, vod.endpoint(), Config.VOD_MAX_RETRIES, "0", Config.LOG_LEVEL, "OFF"));
      // The JWT kind is primed with a made-up key: no PlayKey is read, none lands in a snapshot.
      if (playAuth.offersJwt()) overrides.put(Config.VOD_PLAY_KEY, "primingPlayKey0");
      Config twinConfig = config.withOverrides(overrides);
      VodCredentials madeUp = VodCredentials.of("priming-key-id", "priming-key-secret");
      TokenPriming tokens = config.tokensOn() ? TokenPriming.of(config.tokens()) : null;
      VodFunctions twin = create(twinConfig, VodClient.create(twinConfig, () -> madeUp, json),
          InvocationLog.to(line -> {}, "OFF", Clock.systemUTC(), json), json,
          tokens != null ? tokens.check() : TokenCheck.off());
      for (int round = 0; round < rounds; round++) {
        twin.runEveryPath(tokens != null ? tokens.authorization() : null, playAuth.offersJwt());
        platformPath.accept(twin);
      }
    }
  }

  /** @param authorization a token the twin accepts, or null when tokens are off */
  private void runEveryPath(String authorization, boolean jwt) {
    String video = "VideoId=00000000000000000000000000000000";
    if (jwt) {
      Invocation invocation = Invocation.of("prime", "prime", 5_000);
      playAuth().handleHttp(HttpRequest.builder("GET").header("Authorization", authorization)
          .rawQuery(video + "&PlayAuthType=JWT").build(), invocation);
      playAuth().handleEvent(json.createObjectNode().put("VideoId", "00000000000000000000000000000000")
          .put("PlayAuthType", "JWT"), invocation);
    }
    for (VodFunction function : functions.values()) {
      Invocation invocation = Invocation.of("prime", "prime", 5_000);
      function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization).rawQuery(video).build(), invocation);
      function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization)
          .rawQuery(video + "&Format=XML").build(), invocation);
      function.handleHttp(HttpRequest.builder("POST").header("Authorization", authorization).header("Content-Type", "application/json")
          .body("{\"VideoId\":\"00000000000000000000000000000000\",\"AuthInfoTimeout\":300}", false).build(), invocation);
      function.handleHttp(HttpRequest.builder("POST").header("Authorization", authorization)
          .header("Content-Type", "application/x-www-form-urlencoded")
          .body(Base64.getEncoder().encodeToString(video.getBytes(StandardCharsets.UTF_8)), true).build(), invocation);
      function.handleHttp(HttpRequest.builder("GET").header("Authorization", authorization)
          .rawQuery("VideoId=-&AuthInfoTimeout=1").build(), invocation);
      function.handleHttp(HttpRequest.builder("GET").rawQuery(video).build(), invocation); // no token: 401 when on
      function.handleHttp(HttpRequest.builder("OPTIONS").header("Origin", "https://prime.invalid").build(), invocation);
      ObjectNode message = json.createObjectNode().put("VideoId", "00000000000000000000000000000000");
      message.putObject("Context").put("prime", true);
      function.handleEvent(message, invocation);
      function.handleEventBatch(List.of(message, json.getNodeFactory().textNode("not json")), invocation);
    }
  }

  /**
   * Builds the container's functions.
   *
   * @param credentials where the container's VOD keys come from (a chain ending with the
   *     environment, usually); asked on every VOD call
   */
  public static VodFunctions create(Config config, CredentialsSource credentials) {
    ObjectMapper json = new ObjectMapper();
    return create(config, VodClient.create(config, credentials, json), InvocationLog.toStandardOutput(config.logLevel(), json), json);
  }

  /** As {@link #create(Config, CredentialsSource)} with the parts given (tests, benchmarks). */
  public static VodFunctions create(Config config, VodClient client, InvocationLog log, ObjectMapper json) {
    Objects.requireNonNull(config, "config == null");
    return create(config, client, log, json, TokenCheck.from(config, Clock.systemUTC()));
  }

  /** As above with the token check given (tests with their own clock, benchmarks, priming). */
  public static VodFunctions create(Config config, VodClient client, InvocationLog log, ObjectMapper json, TokenCheck tokens) {
    return create(config, client, log, json, tokens, null);
  }

  /**
   * As above, with the platform's secret store's PlayKey (Lambda's secret), or null for
   * {@code VOD_PLAY_KEY} or GetAppPlayKey.
   */
  public static VodFunctions create(Config config, VodClient client, InvocationLog log, ObjectMapper json, TokenCheck tokens,
      PlayKeySource platformKey) {
    Objects.requireNonNull(config, "config == null");
    JwtPlayAuth playAuth = JwtPlayAuth.create(config, client.credentials(), platformKey, Clock.systemUTC(), json);
    return new VodFunctions(config, client, log, json, Objects.requireNonNull(tokens, "tokens == null"), playAuth);
  }

  /** Drops a cached PlayKey (SnapStart's restore): the next JWT request reads it again. */
  public void forgetPlayKey() {
    playAuth.forgetPlayKey();
  }

  public VodFunction function(VodOperation operation) {
    return functions.get(operation);
  }

  public VodFunction playAuth() {
    return function(VodOperation.PLAY_AUTH);
  }

  public VodFunction refreshUpload() {
    return function(VodOperation.REFRESH_UPLOAD);
  }

  public Config config() {
    return config;
  }

  /** The container's JSON mapper (adapters use the same one). */
  public ObjectMapper json() {
    return json;
  }

  public VodClient client() {
    return client;
  }
}
