package dev.vodauth.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.TokenIssuer;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.vod.VodClient;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What caller tokens cost: per call in one JVM (tokens off and on, interleaved call by call, keys
 * cached as in a warm container), and on the cold start of the runner (a fresh JVM to its first
 * 200, tokens off and on alternately; with tokens on that includes the first JWKS fetch from a
 * stand-in issuer on loopback). Prints figures; asserts nothing.
 */
public final class TokenBenchmark {
  private static final String VIDEO = DemoCatalogue.PLAYABLE;

  private TokenBenchmark() {}

  public static void main(String[] args) throws Exception {
    int coldRuns = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    System.out.println("caller-token benchmark: " + Runtime.getRuntime().availableProcessors() + " CPUs, java "
        + System.getProperty("java.version") + "; load average before: " + loadAverage());
    try (TokenIssuer issuer = new TokenIssuer().start()) {
      String token = issuer.sign(issuer.claims().audience("bench").claim("videos", List.of(VIDEO))
          .expirationTime(new Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis())).build());
      perCall(issuer, token, rounds);
      coldStart(issuer, token, coldRuns);
      priming(coldRuns);
    }
    System.out.println("load average after: " + loadAverage());
  }

  private static void perCall(TokenIssuer issuer, String token, int rounds) throws Exception {
    try (VodEmulator emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start()) {
      Map<String, String> env = new HashMap<>(Map.of(Config.VOD_ENDPOINT, emulator.endpoint(),
          EnvironmentCredentials.ACCESS_KEY_ID, VodEmulator.EMULATOR_ACCESS_KEY_ID,
          EnvironmentCredentials.ACCESS_KEY_SECRET, VodEmulator.EMULATOR_ACCESS_KEY_SECRET));
      VodFunction off = playAuth(env);
      env.putAll(tokenSettings(issuer));
      VodFunction on = playAuth(env);
      HttpRequest plain = HttpRequest.builder("GET").rawQuery("VideoId=" + VIDEO).build();
      HttpRequest bearer = HttpRequest.builder("GET").rawQuery("VideoId=" + VIDEO).header("Authorization", "Bearer " + token).build();
      for (int i = 0; i < rounds; i++) {
        call(off, plain, 200);
        call(on, bearer, 200);
        call(on, plain, 401);
      }
      Percentiles offTimes = new Percentiles(rounds);
      Percentiles onTimes = new Percentiles(rounds);
      Percentiles refused = new Percentiles(rounds);
      for (int i = 0; i < rounds; i++) {
        offTimes.add(call(off, plain, 200));
        onTimes.add(call(on, bearer, 200));
        refused.add(call(on, plain, 401));
      }
      System.out.println("1. play-auth handleHttp per call, in-process against the emulator (" + rounds + " warm-up rounds, "
          + rounds + " measured, interleaved; RS256 token, aud and video claim checked, keys cached):");
      System.out.println("  tokens off:                 " + offTimes.summary());
      System.out.println("  tokens on, valid token:     " + onTimes.summary());
      System.out.printf("  => on/off at p50: %.3f (token check ~%.3f ms per call at p50)%n",
          onTimes.millis(50) / offTimes.millis(50), onTimes.millis(50) - offTimes.millis(50));
      System.out.println("  tokens on, no token (401):  " + refused.summary());
      System.out.println();
    }
  }

  private static void coldStart(TokenIssuer issuer, String token, int runs) throws Exception {
    List<Double> off = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      for (boolean tokens : new boolean[] {false, true}) {
        try (RunnerProcess runner = RunnerProcess.start(tokens ? tokenSettings(issuer) : Map.of())) {
          int port = runner.port();
          long answered = firstOk(port, tokens ? "Bearer " + token : null);
          if (run == 0) continue; // warms the page cache and this JVM's client code
          (tokens ? on : off).add((answered - runner.startedNanos()) / 1e6);
        }
      }
    }
    System.out.println("2. Cold start: JVM start to first play-auth 200 (java -jar vod-auth-local.jar, " + runs
        + " fresh JVMs each after 1 untimed pair, off and on alternately):");
    System.out.printf("  tokens off: median %.0f ms  (all: %s)%n", median(off), format(off));
    System.out.printf("  tokens on:  median %.0f ms  (all: %s)  (first call fetches the JWKS from loopback)%n", median(on), format(on));
    System.out.printf("  => on/off at the median: %.3f (+%.0f ms)%n", median(on) / median(off), median(on) - median(off));
    System.out.println();
  }

  /** 3: in fresh JVMs, the container start with priming (Lambda's init, FC's initializer), tokens off and on. */
  private static void priming(int runs) throws Exception {
    List<Double> off = new ArrayList<>();
    List<Double> on = new ArrayList<>();
    for (int run = 0; run <= runs; run++) {
      for (boolean tokens : new boolean[] {false, true}) {
        List<String> command = new ArrayList<>(List.of(java.nio.file.Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), PrimeProbe.class.getName()));
        if (tokens) command.add("https://issuer.example/");
        Process probe = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(probe.getInputStream().readAllBytes()).trim();
        probe.waitFor();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("build=([0-9.]+) prime=([0-9.]+)").matcher(out);
        if (!m.find()) throw new IllegalStateException("PrimeProbe printed: " + out);
        if (run == 0) continue;
        (tokens ? on : off).add(Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)));
      }
    }
    System.out.println("3. Container start with priming, in-JVM (VodFunctions.create + prime(), as Lambda's init and FC's"
        + " initializer; " + runs + " fresh JVMs each, off and on alternately):");
    System.out.printf("  tokens off: median %.0f ms  (all: %s)%n", median(off), format(off));
    System.out.printf("  tokens on:  median %.0f ms  (all: %s)  (an RSA-2048 key made up, a token signed and checked)%n",
        median(on), format(on));
    System.out.printf("  => on/off at the median: %.3f (+%.0f ms)%n", median(on) / median(off), median(on) - median(off));
    System.out.println();
  }

  private static Map<String, String> tokenSettings(TokenIssuer issuer) {
    return Map.of(Config.JWT_ISSUER, issuer.issuer(), Config.JWT_JWKS_URL, issuer.jwksUrl(), Config.JWT_AUDIENCE, "bench",
        Config.JWT_VIDEO_CLAIM, "videos");
  }

  private static VodFunction playAuth(Map<String, String> env) {
    Config config = Config.from(env);
    ObjectMapper json = new ObjectMapper();
    // The log line is built as in production (INFO); only the write to stdout is left out.
    InvocationLog log = InvocationLog.to(line -> {}, config.logLevel(), Clock.systemUTC(), json);
    return VodFunctions.create(config, VodClient.create(config, EnvironmentCredentials.from(env), json), log, json).playAuth();
  }

  private static long call(VodFunction function, HttpRequest request, int expected) {
    Invocation invocation = Invocation.of("bench", "bench", 10_000);
    long t0 = System.nanoTime();
    int status = function.handleHttp(request, invocation).status();
    long elapsed = System.nanoTime() - t0;
    if (status != expected) throw new IllegalStateException("handleHttp answered " + status + ", expected " + expected);
    return elapsed;
  }

  private static long firstOk(int port, String authorization) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/play-auth?VideoId=" + VIDEO).openConnection();
        if (authorization != null) c.setRequestProperty("Authorization", authorization);
        int status = c.getResponseCode();
        c.getInputStream().readAllBytes();
        c.disconnect();
        if (status == 200) return System.nanoTime();
        throw new IllegalStateException("the runner answered " + status);
      } catch (IOException notYet) {
        Thread.sleep(1);
      }
    }
    throw new IllegalStateException("no 200 from the runner within 60 s");
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String format(List<Double> millis) {
    StringBuilder s = new StringBuilder();
    for (double m : millis) s.append(s.length() == 0 ? "" : ", ").append(String.format("%.0f", m));
    return s.toString();
  }

  private static String loadAverage() throws IOException {
    String[] fields = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
