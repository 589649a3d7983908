package dev.vodauth.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.answer.Cors;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.request.CallRules;
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

  private VodFunctions(Config config, VodClient client, InvocationLog log, ObjectMapper json) {
    this.config = config;
    this.client = client;
    this.json = json;
    this.functions = build(log);
  }

  private Map<VodOperation, VodFunction> build(InvocationLog log) {
    RequestReader reader = new RequestReader(json);
    CallRules rules = new CallRules(config);
    AnswerWriter writer = new AnswerWriter(json, new Cors(config.corsAllowedOrigins()));
    Map<VodOperation, VodFunction> built = new EnumMap<>(VodOperation.class);
    for (VodOperation operation : VodOperation.values()) {
      built.put(operation, new VodFunction(operation, reader, rules, client, writer, log, json));
    }
    return built;
  }

  /**
   * Loads and runs the request path of both functions without calling VOD or reading keys: the
   * HTTP path in JSON and XML, the event path, and the signing of one SDK request per operation
   * with made-up keys. For SnapStart's beforeCheckpoint and FC's initializer. Logs nothing.
   */
  public void prime() {
    InvocationLog silent = InvocationLog.to(line -> {}, "OFF", java.time.Clock.systemUTC(), json);
    for (VodFunction function : build(silent).values()) {
      Invocation invocation = Invocation.of("prime", "prime", 1_000);
      // Each request is refused by validation, before any VOD call.
      function.handleHttp(HttpRequest.builder("GET").rawQuery("VideoId=&Format=XML").build(), invocation);
      function.handleHttp(HttpRequest.builder("POST").header("Content-Type", "application/json")
          .body("{\"VideoId\":\"-\",\"AuthInfoTimeout\":1}", false).build(), invocation);
      function.handleHttp(HttpRequest.builder("POST").header("Content-Type", "application/x-www-form-urlencoded")
          .body(java.util.Base64.getEncoder().encodeToString("VideoId=-".getBytes(java.nio.charset.StandardCharsets.UTF_8)), true).build(), invocation);
      function.handleHttp(HttpRequest.builder("OPTIONS").header("Origin", "https://prime.invalid").build(), invocation);
      function.handleEvent(json.createObjectNode().put("VideoId", "-"), invocation);
      function.handleEventBatch(java.util.List.of(json.getNodeFactory().textNode("not json")), invocation);
    }
    client.prime();
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
    return new VodFunctions(Objects.requireNonNull(config, "config == null"), client, log, json);
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
