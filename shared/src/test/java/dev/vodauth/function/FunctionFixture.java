package dev.vodauth.function;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An emulator with known videos and keys, and functions wired to it with a captured log. As a
 * per-test extension ({@link #started()} on a {@code @RegisterExtension} field) it closes the
 * emulator after each test.
 */
final class FunctionFixture implements AutoCloseable, AfterEachCallback {
  static final String PLAYABLE = "93ab850b4f6f44eab4b6e91d24d81d4a";
  static final String UPLOADING = "c6a23a870c8c4ffc9b2dd40cbd381330";
  static final String DAMAGED = "c6a23a870c8c4ffc9b2dd40cbd381331";
  static final String UNKNOWN = "ffffffffffffffffffffffffffffffff";
  static final String KEY_ID = "fixture-key-id";
  static final String KEY_SECRET = "fixture-secret-Xq7vLw93";

  final VodEmulator emulator = new VodEmulator();
  final List<String> logLines = new CopyOnWriteArrayList<>();
  final ObjectMapper json = new ObjectMapper();
  VodFunctions functions;

  FunctionFixture start(Map<String, String> overrides, CredentialsSource credentials) throws Exception {
    emulator.start();
    emulator.addAccessKey(KEY_ID, KEY_SECRET);
    emulator.addVideo(Video.of(PLAYABLE, VideoStatus.NORMAL).withTitle("阿里云VOD").withDuration(135.6));
    emulator.addVideo(Video.of(UPLOADING, VideoStatus.UPLOADING));
    emulator.addVideo(Video.of(DAMAGED, VideoStatus.UPLOAD_FAIL).damaged());
    Map<String, String> env = new HashMap<>(Map.of(
        "VOD_ENDPOINT", emulator.endpoint(),
        "VOD_READ_TIMEOUT_MS", "300",
        "VOD_RETRY_BASE_DELAY_MS", "5",
        "VOD_RETRY_MAX_DELAY_MS", "20",
        "LOG_LEVEL", "DEBUG"));
    env.putAll(overrides);
    Config config = Config.from(env);
    functions = VodFunctions.create(config, VodClient.create(config, credentials, json, new Random(3)),
        InvocationLog.to(logLines::add, config.logLevel(), Clock.systemUTC(), json), json);
    return this;
  }

  FunctionFixture start(Map<String, String> overrides) throws Exception {
    return start(overrides, () -> dev.vodauth.credentials.VodCredentials.of(KEY_ID, KEY_SECRET));
  }

  /** Started with the default settings, for a {@code @RegisterExtension} field. */
  static FunctionFixture started() {
    try {
      return new FunctionFixture().start(Map.of());
    } catch (Exception e) {
      throw new IllegalStateException("the fixture did not start", e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  static Invocation invocation(String trigger) {
    return Invocation.of("req-" + trigger, trigger, 5_000);
  }

  @Override
  public void close() {
    emulator.close();
  }
}
