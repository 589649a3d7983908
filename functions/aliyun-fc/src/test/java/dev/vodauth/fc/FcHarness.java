package dev.vodauth.fc;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.testkit.SharedFiles;
import dev.vodauth.testkit.FakeFcContext;
import dev.vodauth.vod.VodClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's world: an emulator with the samples' videos and the test's role keys, both handlers
 * built on it, and the log lines they write. Registered with {@code @RegisterExtension} on an
 * instance field ({@link #fixture()}), it checks after each test that no log line holds a secret,
 * then closes the emulator.
 */
final class FcHarness implements AutoCloseable, AfterEachCallback {
  /** The samples' videos (see ../shared/samples/aliyun-fc3/). */
  static final String SAMPLE_VIDEO = "93ab850b4f6f4b6e91d24d81d4a1c2e0";
  static final String SAMPLE_BATCH_VIDEO = "b7c1d0e2a3f44c5d8e9f0a1b2c3d4e5f";
  static final String UNKNOWN_VIDEO = "5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff";

  /** The role's STS keys: the secret and the token must never surface in an answer or a log line. */
  static final String ROLE_KEY_ID = "STS.fc-role-key-0001";
  static final String ROLE_SECRET = "fc-role-secret-d41d8cd98f00";
  static final String ROLE_TOKEN = "fc-role-token-8f14e45fceea167a";

  static final ObjectMapper JSON = new ObjectMapper();

  final VodEmulator emulator;
  final List<String> logLines = new CopyOnWriteArrayList<>();
  final VodFunctions functions;
  final PlayAuthHandler playAuth;
  final RefreshUploadHandler refreshUpload;
  final FunctionHandler createUpload;

  private FcHarness(VodEmulator emulator, Map<String, String> environment) {
    this.emulator = emulator;
    Config config = Config.from(environment);
    ObjectMapper json = new ObjectMapper();
    VodClient client = VodClient.create(config, EnvironmentCredentials.from(environment), json, new Random(7));
    InvocationLog log = InvocationLog.to(logLines::add, "DEBUG", Clock.systemUTC(), json);
    this.functions = VodFunctions.create(config, client, log, json);
    this.playAuth = new PlayAuthHandler(functions);
    this.refreshUpload = new RefreshUploadHandler(functions);
    this.createUpload = new FunctionHandler(functions, dev.vodauth.operation.CreateUpload.NAME) {};
  }

  /** {@link #start()} as a per-test extension: the log checked for secrets, the emulator closed after the test. */
  static FcHarness fixture() {
    return fixture(Map.of());
  }

  /** {@link #fixture()} with these extra environment variables. */
  static FcHarness fixture(Map<String, String> extraEnvironment) {
    try {
      return start(extraEnvironment);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (context.getExecutionException().isEmpty()) assertCleanLog();
    } finally {
      close();
    }
  }

  /** A started emulator with the samples' videos and the role's keys; no keys in the environment. */
  static FcHarness start() throws IOException {
    return start(Map.of());
  }

  /** As {@link #start()}, with these extra environment variables (keys, settings). */
  static FcHarness start(Map<String, String> extraEnvironment) throws IOException {
    VodEmulator emulator = new VodEmulator().start();
    emulator.addStsKey(ROLE_KEY_ID, ROLE_SECRET, ROLE_TOKEN);
    emulator.addVideo(Video.of(SAMPLE_VIDEO, VideoStatus.NORMAL).withTitle("阿里云VOD").withDuration(135.6)
        .withCoverUrl("https://image.example.com/cover.jpg"));
    emulator.addVideo(Video.of(SAMPLE_BATCH_VIDEO, VideoStatus.NORMAL).withTitle("西湖的春天").withDuration(61.0));
    Map<String, String> environment = new HashMap<>();
    environment.put(Config.VOD_ENDPOINT, emulator.endpoint());
    environment.put(Config.VOD_READ_TIMEOUT_MS, "2000");
    environment.put(Config.VOD_RETRY_BASE_DELAY_MS, "5");
    environment.put(Config.VOD_RETRY_MAX_DELAY_MS, "20");
    environment.put(Config.CORS_ALLOWED_ORIGINS, "https://player.example.com");
    environment.putAll(extraEnvironment);
    return new FcHarness(emulator, environment);
  }

  /** A context whose role hands out the test's STS keys. */
  static Context roleContext(String requestId) {
    return FakeFcContext.withKeys(requestId, ROLE_KEY_ID, ROLE_SECRET, ROLE_TOKEN);
  }

  /** Runs one invocation and parses what the handler wrote; asserts that no secret leaked into it. */
  JsonNode invoke(StreamRequestHandler handler, byte[] payload, Context context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(payload), out, context);
    String written = out.toString(StandardCharsets.UTF_8);
    assertNoSecretIn(written);
    return JSON.readTree(written);
  }

  JsonNode invoke(StreamRequestHandler handler, JsonNode event, Context context) throws IOException {
    return invoke(handler, JSON.writeValueAsBytes(event), context);
  }

  /** Asserts that no log line so far holds the role's secret or token. */
  void assertCleanLog() {
    logLines.forEach(FcHarness::assertNoSecretIn);
  }

  static void assertNoSecretIn(String text) {
    assertFalse(text.contains(ROLE_SECRET), "the role's secret leaked: " + text);
    assertFalse(text.contains(ROLE_TOKEN), "the role's token leaked: " + text);
    assertFalse(text.contains(VodEmulator.EMULATOR_ACCESS_KEY_SECRET), "the environment's secret leaked: " + text);
  }

  /** A JSON fixture of this module (src/test/resources/events/). */
  static JsonNode fixture(String name) {
    try (InputStream in = FcHarness.class.getResourceAsStream("/events/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] fixtureBytes(String name) {
    try (InputStream in = FcHarness.class.getResourceAsStream("/events/" + name)) {
      if (in == null) throw new IllegalArgumentException("no fixture " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ../shared beside the clone; null when unknown (see {@link SharedFiles}). */
  static Path sharedDir() {
    return SharedFiles.root();
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    emulator.close();
  }
}
