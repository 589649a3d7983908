package dev.vodauth.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.AnswerWriter;
import dev.vodauth.answer.Cors;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
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
  private final Map<VodOperation, VodFunction> functions = new EnumMap<>(VodOperation.class);

  private VodFunctions(Config config, VodClient client, InvocationLog log, ObjectMapper json) {
    this.config = config;
    this.client = client;
    RequestReader reader = new RequestReader(json);
    CallRules rules = new CallRules(config);
    AnswerWriter writer = new AnswerWriter(json, new Cors(config.corsAllowedOrigins()));
    for (VodOperation operation : VodOperation.values()) {
      functions.put(operation, new VodFunction(operation, reader, rules, client, writer, log, json));
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

  public VodClient client() {
    return client;
  }
}
