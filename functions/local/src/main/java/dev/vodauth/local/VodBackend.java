package dev.vodauth.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.vod.VodClient;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the runner's VOD calls go: the real VOD when the environment holds a key pair, else an
 * embedded emulator with the demo catalogue, started here and closed with the backend.
 */
final class VodBackend implements AutoCloseable {
  private final VodFunctions functions;
  private final VodEmulator emulator;

  private VodBackend(VodFunctions functions, VodEmulator emulator) {
    this.functions = functions;
    this.emulator = emulator;
  }

  /**
   * Builds the functions for this environment; contacts nothing when it holds keys.
   *
   * @param logSink where the one-line-per-invocation log goes (standard output in production)
   */
  static VodBackend fromEnvironment(Map<String, String> env, Consumer<String> logSink) throws IOException {
    Objects.requireNonNull(env, "env == null");
    if (EnvironmentCredentials.from(env).isPresent()) {
      return new VodBackend(functions(env, logSink), null);
    }
    VodEmulator emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start();
    try {
      Map<String, String> local = new HashMap<>(env);
      local.put(Config.VOD_ENDPOINT, emulator.endpoint());
      local.put(EnvironmentCredentials.ACCESS_KEY_ID, VodEmulator.EMULATOR_ACCESS_KEY_ID);
      local.put(EnvironmentCredentials.ACCESS_KEY_SECRET, VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
      local.remove(EnvironmentCredentials.SECURITY_TOKEN);
      return new VodBackend(functions(local, logSink), emulator);
    } catch (RuntimeException e) {
      emulator.close(); // a bad setting (Config says which) must not leave the emulator running
      throw e;
    }
  }

  private static VodFunctions functions(Map<String, String> env, Consumer<String> logSink) {
    Config config = Config.from(env);
    ObjectMapper json = new ObjectMapper();
    VodClient client = VodClient.create(config, EnvironmentCredentials.from(env), json);
    return VodFunctions.create(config, client, InvocationLog.to(logSink, config.logLevel(), Clock.systemUTC(), json), json);
  }

  VodFunctions functions() {
    return functions;
  }

  /** True when calls go to the embedded emulator. */
  boolean isEmulator() {
    return emulator != null;
  }

  /** The embedded emulator, or null when calls go to the real VOD. */
  VodEmulator emulator() {
    return emulator;
  }

  @Override
  public void close() {
    if (emulator != null) emulator.close();
  }
}
