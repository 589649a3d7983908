package dev.vodauth.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.answer.Cors;
import dev.vodauth.auth.TokenCheck;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import java.time.Clock;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.playauth.PlayKeySource;
import dev.vodauth.request.RepeatedFields;
import dev.vodauth.vod.VodClient;
import dev.vodauth.operation.Operations;
import dev.vodauth.operation.PlayAuth;
import dev.vodauth.operation.RefreshUpload;
import dev.vodauth.operation.VodOperation;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
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
  private final Map<String, VodFunction> functions;

  private VodFunctions(Config config, VodClient client, InvocationLog log, ObjectMapper json, TokenCheck tokens,
      PlayKeySource platformPlayKey) {
    this.config = config;
    this.client = client;
    // Event trees read by the adapters remember a field given twice (the input rules refuse one).
    this.json = RepeatedFields.remembered(json);
    this.functions = build(log, tokens, platformPlayKey);
  }

  private Map<String, VodFunction> build(InvocationLog log, TokenCheck tokens, PlayKeySource platformPlayKey) {
    Map<String, VodFunction> built = new LinkedHashMap<>();
    for (VodOperation operation : Operations.all(config, platformPlayKey, json)) {
      AnswerWriter writer = new AnswerWriter(json, cors(operation));
      built.put(operation.functionName(), new VodFunction(operation, client, writer, log, json, tokens,
          config.eventBatchMaxMessages(), config.eventMessageMaxBytes()));
    }
    return Collections.unmodifiableMap(built);
  }

  /**
   * Pages get answers from the allow-list; but a signed-only face (IAM URL, FC authType function),
   * which an upload operation's is while tokens are off, answers no page.
   */
  private Cors cors(VodOperation operation) {
    if (!operation.servesPagesWithoutTokens() && !config.tokensOn()) return Cors.none();
    return new Cors(config.corsAllowedOrigins());
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
      PlayKeySource platformPlayKey) {
    return new VodFunctions(Objects.requireNonNull(config, "config == null"), client, log, json,
        Objects.requireNonNull(tokens, "tokens == null"), platformPlayKey);
  }

  /** Drops the keys the operations keep (a PlayKey read from VOD or a secret): SnapStart's hooks. */
  public void forgetKeys() {
    for (VodFunction function : functions.values()) function.operation().forgetKeys();
  }

  /** The function of this name ({@code play-auth}); fails for a name no operation has. */
  public VodFunction function(String name) {
    VodFunction function = functions.get(name);
    if (function == null) throw new IllegalArgumentException("no function named " + name + "; the functions: " + functions.keySet());
    return function;
  }

  /** Every function, in the order of {@link Operations#all}. */
  public Collection<VodFunction> all() {
    return functions.values();
  }

  public VodFunction playAuth() {
    return function(PlayAuth.NAME);
  }

  public VodFunction refreshUpload() {
    return function(RefreshUpload.NAME);
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
