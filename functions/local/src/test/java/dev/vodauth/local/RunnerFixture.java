package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.VodEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A runner started on port 0 with the embedded emulator, a real HTTP client for it, and the log lines it wrote. */
final class RunnerFixture implements AutoCloseable {
  /** Settings that keep retries and timeouts short in tests. */
  static final Map<String, String> FAST = Map.of(
      "VOD_READ_TIMEOUT_MS", "2000",
      "VOD_RETRY_BASE_DELAY_MS", "1",
      "VOD_RETRY_MAX_DELAY_MS", "5",
      "INVOCATION_TIMEOUT_MS", "5000");

  final ObjectMapper json = new ObjectMapper();
  private final List<String> logLines = new CopyOnWriteArrayList<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final LocalRunner runner;

  private RunnerFixture(Map<String, String> env) throws IOException {
    runner = LocalRunner.start(env, 0, logLines::add);
  }

  static RunnerFixture start() throws IOException {
    return start(Map.of());
  }

  /** Starts with {@link #FAST} plus these settings, and no VOD keys in the environment. */
  static RunnerFixture start(Map<String, String> settings) throws IOException {
    Map<String, String> env = new HashMap<>(FAST);
    env.putAll(settings);
    return new RunnerFixture(env);
  }

  LocalRunner runner() {
    return runner;
  }

  VodEmulator emulator() {
    return runner.backend().emulator();
  }

  List<String> logLines() {
    return logLines;
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send("GET", pathAndQuery, BodyPublishers.noBody(), headers);
  }

  HttpResponse<String> post(String path, String contentType, String body) {
    return send("POST", path, BodyPublishers.ofString(body, StandardCharsets.UTF_8), "Content-Type", contentType);
  }

  HttpResponse<String> send(String method, String pathAndQuery, BodyPublisher body, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runner.url() + pathAndQuery))
        .timeout(Duration.ofSeconds(10))
        .method(method, body);
    if (headers.length > 0) request.headers(headers);
    try {
      HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
      seen.add(response.headers().map() + "\n" + response.body());
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode tree(HttpResponse<String> response) {
    try {
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  /** The next request the emulator received; fails when none came within a second. */
  RecordedVodRequest takeVodRequest() {
    try {
      RecordedVodRequest request = emulator().takeRequest(1, TimeUnit.SECONDS);
      if (request == null) throw new AssertionError("VOD received no request");
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes over a socket and returns everything the server answers until it closes. */
  String raw(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", runner.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(answer);
      return answer;
    }
  }

  /** A test resource of this package, as UTF-8 text. */
  static String fixture(String name) {
    try (InputStream in = RunnerFixture.class.getResourceAsStream(name)) {
      Objects.requireNonNull(in, "no test resource " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode fixtureTree(String name) throws IOException {
    return json.readTree(fixture(name));
  }

  /** Fails when the emulator's secret reached any answer or log line. */
  void assertNoSecretLeaked() {
    for (String text : seen) {
      assertFalse(text.contains(VodEmulator.EMULATOR_ACCESS_KEY_SECRET), "secret in an answer: " + text);
    }
    for (String line : logLines) {
      assertFalse(line.contains(VodEmulator.EMULATOR_ACCESS_KEY_SECRET), "secret in the log: " + line);
      assertFalse(line.contains("PlayAuth\"") || line.contains("UploadAuth\"") || line.contains("UploadAddress\""),
          "credential field in the log: " + line);
    }
  }

  @Override
  public void close() {
    runner.close();
  }
}
