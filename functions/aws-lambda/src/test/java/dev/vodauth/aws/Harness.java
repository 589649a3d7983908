package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.testkit.EmulatorFixture;
import dev.vodauth.testkit.FakeLambdaContext;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The handlers on one container wired to an emulator, with the log lines captured. Built by
 * {@link #onDemoCatalogue()} or {@link #onEmptyEmulator()} on a {@code @RegisterExtension} field,
 * it owns its emulator and closes it after each test.
 */
public final class Harness implements AfterEachCallback {
  public static final String KEY_ID = "LTAI5tTestKeyId";
  public static final String KEY_SECRET = "test-secret-do-not-leak";

  final ObjectMapper json = new ObjectMapper();
  public final List<String> logLines = new CopyOnWriteArrayList<>();
  public final Map<String, String> environment = new HashMap<>();
  LambdaContainer container;
  public final VodEmulator emulator;
  private EmulatorFixture owned;

  /** The settings a test container uses: the emulator, small timeouts, keys in the environment. */
  public Harness(VodEmulator emulator) {
    this.emulator = emulator;
    emulator.addAccessKey(KEY_ID, KEY_SECRET);
    environment.put("VOD_ENDPOINT", emulator.endpoint());
    environment.put("VOD_READ_TIMEOUT_MS", "1000");
    environment.put("VOD_RETRY_BASE_DELAY_MS", "1");
    environment.put("VOD_RETRY_MAX_DELAY_MS", "5");
    environment.put(EnvironmentCredentials.ACCESS_KEY_ID, KEY_ID);
    environment.put(EnvironmentCredentials.ACCESS_KEY_SECRET, KEY_SECRET);
  }

  /** A harness on its own emulator holding the demo catalogue, closed after each test. */
  public static Harness onDemoCatalogue() {
    return on(EmulatorFixture.withDemoCatalogue());
  }

  /** A harness on its own empty emulator, closed after each test. */
  public static Harness onEmptyEmulator() {
    return on(EmulatorFixture.empty());
  }

  private static Harness on(EmulatorFixture fixture) {
    Harness harness = new Harness(fixture.emulator());
    harness.owned = fixture;
    return harness;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (owned != null) owned.afterEach(context);
  }

  public Harness with(String name, String value) {
    environment.put(name, value);
    container = null;
    return this;
  }

  LambdaContainer container() {
    if (container == null) container = LambdaContainer.create(environment, Clock.systemUTC(), logLines::add);
    return container;
  }

  public PlayAuthHandler playAuth() {
    return new PlayAuthHandler(container().functions());
  }

  public RefreshUploadHandler refreshUpload() {
    return new RefreshUploadHandler(container().functions());
  }

  /** create-upload's handler (CreateUploadHandler names the same operation). */
  FunctionHandler createUpload() {
    return new FunctionHandler(container().functions(), dev.vodauth.operation.CreateUpload.NAME) {};
  }

  /** Invokes a handler as the runtime does and returns the raw bytes it wrote, as text. */
  public static String invokeRaw(RequestStreamHandler handler, byte[] event, String requestId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = new ByteArrayInputStream(event)) {
      handler.handleRequest(in, out, FakeLambdaContext.of(requestId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  public JsonNode invoke(RequestStreamHandler handler, Path event) {
    return invoke(handler, read(event));
  }

  public JsonNode invoke(RequestStreamHandler handler, byte[] event) {
    String raw = invokeRaw(handler, event, "req-" + System.nanoTime());
    assertNoSecretIn(raw);
    try {
      return json.readTree(raw);
    } catch (IOException e) {
      throw new AssertionError("the handler wrote no JSON: " + raw, e);
    }
  }

  /** The test keys' secret never appears in an answer or a log line. */
  void assertNoSecretIn(String text) {
    assertFalse(text.contains(KEY_SECRET), "the AccessKeySecret leaked");
    for (String line : logLines) assertFalse(line.contains(KEY_SECRET), "the AccessKeySecret leaked into a log line");
  }

  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A test resource as a path (fixtures of our own in src/test/resources). */
  public static Path resource(String name) {
    try {
      return Path.of(Harness.class.getResource("/" + name).toURI());
    } catch (Exception e) {
      throw new IllegalArgumentException("no test resource " + name, e);
    }
  }

  /** The body of a proxy response, parsed. */
  public JsonNode body(JsonNode proxyResponse) {
    try {
      return json.readTree(proxyResponse.path("body").asText());
    } catch (IOException e) {
      throw new AssertionError("the body is not JSON: " + proxyResponse.path("body").asText(), e);
    }
  }
}
