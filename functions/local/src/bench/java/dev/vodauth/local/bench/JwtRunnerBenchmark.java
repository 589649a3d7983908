package dev.vodauth.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The runner under 32 keep-alive clients in JWT mode ({@code PLAY_AUTH_TYPES=JWT}, the PlayKey read
 * once from the embedded emulator's GetAppPlayKey), and, in the same run, in the classic mode
 * (every call a GetVideoPlayAuth to the emulator): requests/s, errors, latency. Uses
 * {@link LocalBenchmark#load}; prints figures, asserts nothing.
 *
 * <p>Arguments: {@code [measured seconds per mode (default 10)]}.
 */
public final class JwtRunnerBenchmark {
  private JwtRunnerBenchmark() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 10;
    System.out.println("runner throughput, 32 keep-alive clients on /play-auth, 5 s warm-up then " + seconds + " s measured per mode; "
        + Runtime.getRuntime().availableProcessors() + " CPUs, java " + System.getProperty("java.version") + ", runner JVM options: "
        + (RunnerProcess.jvmOptions().isEmpty() ? "the JVM's defaults" : String.join(" ", RunnerProcess.jvmOptions())));
    double jwt;
    double classic;
    try (RunnerProcess runner = RunnerProcess.start(Map.of("PLAY_AUTH_TYPES", "JWT"))) {
      String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + runner.port() + LocalBenchmark.PLAY_AUTH)).build(), HttpResponse.BodyHandlers.ofString()).body();
      if (!body.contains("\"PlayAuthType\":\"JWT\"")) throw new IllegalStateException("not a JWT answer: " + body);
      System.out.println("JWT mode (PLAY_AUTH_TYPES=JWT):");
      LocalBenchmark.load(runner.port(), 5, false);
      jwt = LocalBenchmark.load(runner.port(), seconds, true);
    }
    try (RunnerProcess runner = RunnerProcess.start(Map.of())) {
      System.out.println("classic mode (GetVideoPlayAuth to the embedded emulator):");
      LocalBenchmark.load(runner.port(), 5, false);
      classic = LocalBenchmark.load(runner.port(), seconds, true);
    }
    System.out.printf("JWT / classic throughput: %.2fx; load average %s%n", jwt / classic,
        new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).trim());
  }
}
