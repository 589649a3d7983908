package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.emulator.DemoCatalogue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runner's main in a child JVM, as a user starts it: banner, a call, SIGTERM (what Ctrl-C sends the JVM, too). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LocalRunnerMainTest {
  private static final Pattern CURL_URL = Pattern.compile("curl -i '(http://127\\.0\\.0\\.1:\\d+/play-auth\\?VideoId=\\w+)'");

  @Test
  void withoutKeysItRunsOnTheEmulatorPrintsTheDemoAndStopsCleanly() throws Exception {
    Process process = start(Map.of(), "--port", "0");
    BufferedReader out = stdout(process);
    List<String> banner = readBanner(process, out);

    String text = String.join("\n", banner);
    assertTrue(text.contains("VOD: the embedded emulator at 127.0.0.1:"), text);
    for (String id : List.of(DemoCatalogue.PLAYABLE, DemoCatalogue.NOT_YET_PLAYABLE, DemoCatalogue.BLOCKED,
        DemoCatalogue.DAMAGED, DemoCatalogue.UNKNOWN)) {
      assertTrue(text.contains(id), "demo video " + id + " missing from:\n" + text);
    }
    assertTrue(text.contains("Format=XML") && text.contains("/events/refresh-upload"), text);
    Matcher curl = CURL_URL.matcher(text);
    assertTrue(curl.find(), text);
    HttpResponse<String> answer = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(curl.group(1))).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, answer.statusCode(), answer.body());

    // SIGTERM through the handle: Process.destroy() would also close our end of the pipes.
    process.toHandle().destroy();

    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    StringBuilder rest = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) rest.append(line).append('\n');
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(rest.toString().trim().endsWith("vod-auth local runner stopped."), rest.toString());
    assertEquals("", errors);
  }

  @Test
  void withKeysItNamesTheRealVodAndContactsNothingAtStart() throws Exception {
    Process process = start(Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test-key-id",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-key-secret-do-not-print", "VOD_REGION", "cn-beijing"), "--port", "0");
    String text = String.join("\n", readBanner(process, stdout(process)));

    process.destroy();
    process.waitFor(20, TimeUnit.SECONDS);

    assertTrue(text.contains("VOD: the real ApsaraVideo VOD, region cn-beijing, endpoint vod.cn-beijing.aliyuncs.com"
        + " (HTTPS)"), text);
    assertFalse(text.contains("test-key-secret-do-not-print"), text);
    assertFalse(text.contains("emulator"), text);
  }

  @Test
  void badPortExitsWith2AndTheUsage() throws Exception {
    Process process = start(Map.of(), "--port", "http");

    assertTrue(process.waitFor(20, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(errors.startsWith("--port must be a port number from 0 to 65535, got 'http'"), errors);
    assertTrue(errors.contains("usage: java -jar vod-auth-local.jar"), errors);
  }

  private static Process start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), LocalRunner.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
    builder.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    builder.environment().remove("ALIBABA_CLOUD_SECURITY_TOKEN");
    builder.environment().remove("PORT");
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The lines up to the banner's last ("... Ctrl-C stops it."); stdout is left open for what follows. */
  private static BufferedReader stdout(Process process) {
    return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
  }

  private static List<String> readBanner(Process process, BufferedReader out) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      lines.add(line);
      if (line.endsWith("Ctrl-C stops it.")) return lines;
    }
    throw new AssertionError("the runner exited before its banner: " + lines + " "
        + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
