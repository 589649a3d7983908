package dev.vodauth.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runner builds and JVM flags side by side, in one sitting: for each runner command
 * (a jar and its JVM flags), requests/s with 32 keep-alive clients (10 s after 5 s of warm-up)
 * and the peak RSS (VmHWM) after it; then JVM start to first play-auth 200 against a
 * hello-world JDK HTTP server, with and without a dynamic AppCDS archive. Prints; asserts nothing.
 *
 * <p>Arguments: {@code <this jar> [<baseline jar>] }; the configurations are below.
 */
public final class RunnerMemoryBenchmark {
  /** The flags of README.md's run command. */
  static final String README_FLAGS = "-XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1";
  private static final int COLD_RUNS = 5;

  private RunnerMemoryBenchmark() {}

  public static void main(String[] args) throws Exception {
    String jar = args[0];
    String baseline = args.length > 1 ? args[1] : null;
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " CPUs, load average " + new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).trim());
    List<String[]> configs = new ArrayList<>();
    if (baseline != null) {
      configs.add(new String[] {"before (JDK HttpServer), no flags", baseline, ""});
      configs.add(new String[] {"before (JDK HttpServer), " + README_FLAGS, baseline, README_FLAGS});
    }
    configs.add(new String[] {"after (Undertow), no flags", jar, ""});
    configs.add(new String[] {"after (Undertow), -XX:+UseSerialGC -Xmx64m", jar, "-XX:+UseSerialGC -Xmx64m"});
    configs.add(new String[] {"after (Undertow), " + README_FLAGS, jar, README_FLAGS});
    System.out.println("Throughput (32 keep-alive clients, play-auth 200, 10 s after 5 s warm-up) and peak RSS:");
    for (String[] config : configs) {
      List<String> command = command(java, config[2], "-jar", config[1], "--port", "0");
      try (RunnerProcess runner = RunnerProcess.start(command)) {
        int port = runner.port();
        LocalBenchmark.firstOk(port);
        LocalBenchmark.load(port, 5, false);
        double rps = LocalBenchmark.load(port, 10, false);
        System.out.printf("  %-75s %,7.0f requests/s   VmHWM %,7d kB%n", config[0], rps, runner.procStatusKb("VmHWM"));
      }
    }
    System.out.println();
    Path archive = Files.createTempDirectory("runner-cds").resolve("runner.jsa");
    try (RunnerProcess dump = RunnerProcess.start(command(java, README_FLAGS + " -XX:ArchiveClassesAtExit=" + archive,
        "-jar", jar, "--port", "0"))) {
      LocalBenchmark.firstOk(dump.port());
    }
    Thread.sleep(2_000);
    System.out.println("JVM start to first 200 (" + COLD_RUNS + " fresh JVMs each after 1 untimed, interleaved), median ms:");
    String[][] cold = {
        {"hello-world (JDK HttpServer, " + README_FLAGS + ")", README_FLAGS + " -cp " + System.getProperty("java.class.path")
            + " dev.vodauth.local.bench.HelloServer"},
        {"runner, no flags", "-jar " + jar + " --port 0"},
        {"runner, " + README_FLAGS, README_FLAGS + " -jar " + jar + " --port 0"},
        {"runner, " + README_FLAGS + " + AppCDS archive (" + (Files.exists(archive) ? Files.size(archive) / 1024 / 1024
            + " MiB)" : "not written)"), README_FLAGS + " -XX:SharedArchiveFile=" + archive + " -jar " + jar + " --port 0"}};
    List<List<Double>> times = new ArrayList<>();
    for (int i = 0; i < cold.length; i++) times.add(new ArrayList<>());
    for (int run = 0; run <= COLD_RUNS; run++) {
      for (int i = 0; i < cold.length; i++) {
        try (RunnerProcess process = RunnerProcess.start(command(java, cold[i][1]))) {
          long answered = LocalBenchmark.firstOk(process.port());
          if (run > 0) times.get(i).add((answered - process.startedNanos()) / 1e6);
        }
      }
    }
    double hello = median(times.get(0));
    for (int i = 0; i < cold.length; i++) {
      System.out.printf("  %-95s %5.0f ms  %.1fx hello-world  (all: %s)%n", cold[i][0], median(times.get(i)),
          median(times.get(i)) / hello, times.get(i));
    }
  }

  private static List<String> command(String java, String... parts) {
    List<String> command = new ArrayList<>();
    command.add(java);
    for (String part : parts) {
      if (!part.isBlank()) command.addAll(Arrays.asList(part.trim().split("\\s+")));
    }
    return command;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
