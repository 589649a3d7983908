package dev.vodauth.fc.bench;

import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The FC adapter's figures, printed: cold start of the shaded jar in fresh JVMs, interleaved round
 * by round: a hello-world stream handler, the floor (the same signed GetVideoPlayAuth with the least
 * code: {@code dev.vodauth.bench.FloorProbe} from the shared module's test classes),
 * PlayAuthHandler as FC runs it (constructor, initializer, first invocation), the same with the
 * initializer's priming pass on ({@code PRIME_ON_INITIALIZE=true}) and without the initializer
 * (levers), and the handler from other builds of the jar ({@code -Dbench.jars=label=path,...});
 * wall clock and CPU time, as ratios; with {@code -Dbench.classes=true} the classes each JVM
 * loaded before its first answer ({@code -Xlog:class+load}); the jar's size; and the requests per
 * second one instance holds at instanceConcurrency 32 (not run with 0 threads). Every probe is a
 * new {@code java} process; this JVM hosts the emulator. {@code -Dvodauth.fc.event=<file>} names
 * the HTTP trigger event (BENCHMARKS.md uses ../shared/samples/aliyun-fc3/http-trigger-event-get.json).
 *
 * <p>Run (see BENCHMARKS.md): {@code mvn -B -q -pl functions/aliyun-fc -am install -DskipTests}
 * then {@code mvn -B -q -pl functions/aliyun-fc exec:java}; arguments via
 * {@code -Dbenchmark.args="<runs> <threads> <warmupMs> <measureMs>"} (default 7 32 5000 15000);
 * {@code -Dbench.java=<java>} and {@code -Dbench.jvmOptions="<options>"} for the spawned JVMs;
 * {@code -Dbenchmark.args="heap ..."} runs {@link FcHeapBenchmark} instead.
 */
public final class FcBenchmark {
  static final String VIDEO = "93ab850b4f6f4b6e91d24d81d4a1c2e0";

  private FcBenchmark() {}

  /** A probe JVM's classpath: the function jar, the probes, and the test kit (their FC context). */
  static String probeClasspath(Path jar, Path testClasses) {
    Path testkitClasses = Paths.get(System.getProperty("vodauth.testkit.classes", "../../testkit/target/classes"));
    return jar.toAbsolutePath() + File.pathSeparator + testClasses.toAbsolutePath() + File.pathSeparator + testkitClasses.toAbsolutePath();
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("heap")) {
      FcHeapBenchmark.main(java.util.Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    long warmup = args.length > 2 ? Long.parseLong(args[2]) : 5_000;
    long measure = args.length > 3 ? Long.parseLong(args[3]) : 15_000;
    Path jar = Paths.get(System.getProperty("vodauth.fc.jar", "target/vod-auth-aliyun-fc.jar"));
    Path testClasses = Paths.get(System.getProperty("vodauth.fc.testClasses", "target/test-classes"));
    Path sharedTestClasses = Paths.get(System.getProperty("vodauth.shared.testClasses", "../../shared/target/test-classes"));
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: run mvn package first");
    if (!Files.isDirectory(sharedTestClasses.resolve("dev/vodauth/bench"))) {
      throw new IllegalStateException(sharedTestClasses + " has no FloorProbe: run mvn install -DskipTests first");
    }
    String java = System.getProperty("bench.java", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvmOptions = new ArrayList<>();
    for (String option : System.getProperty("bench.jvmOptions", "").trim().split("\\s+")) {
      if (!option.isEmpty()) jvmOptions.add(option);
    }
    String classpath = probeClasspath(jar, testClasses);
    String floorClasspath = jar.toAbsolutePath() + File.pathSeparator + sharedTestClasses.toAbsolutePath();

    try (VodEmulator emulator = new VodEmulator().start().withDefaultAccount()) {
      emulator.addStsKey(BenchKeys.KEY_ID, BenchKeys.SECRET, BenchKeys.TOKEN);
      emulator.addVideo(Video.of(VIDEO, VideoStatus.NORMAL).withTitle("阿里云VOD").withDuration(135.6));
      Probe probe = new Probe(java, jvmOptions, classpath, emulator.endpoint(), Map.of());
      // The floor signs with the emulator's AccessKey pair (FC's handler gets STS keys in its context).
      Probe floorProbe = new Probe(java, jvmOptions, floorClasspath, emulator.endpoint(), Map.of(
          "ALIBABA_CLOUD_ACCESS_KEY_ID", VodEmulator.EMULATOR_ACCESS_KEY_ID,
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET", VodEmulator.EMULATOR_ACCESS_KEY_SECRET));

      System.out.printf(Locale.ROOT, "java: %s %s (FC's java11 runtime runs this Java 11 bytecode on its own JDK 11)%n",
          java, String.join(" ", jvmOptions));
      System.out.printf(Locale.ROOT, "jar: %s, %,d bytes (%.2f MiB)%n", jar.getFileName(), Files.size(jar), Files.size(jar) / 1048576.0);
      // Rows: name -> (probe, main class, arguments), spawned in this order in every round.
      Map<String, Row> rows = new LinkedHashMap<>();
      rows.put("hello-world", new Row(probe, StartupProbe.class.getName(), List.of("hello")));
      rows.put("floor", new Row(floorProbe, "dev.vodauth.bench.FloorProbe", List.of(VIDEO, "1")));
      rows.put("FC PlayAuthHandler", new Row(probe, StartupProbe.class.getName(), List.of("fc")));
      rows.put("FC, initializer primes", new Row(probe.with(Map.of("PRIME_ON_INITIALIZE", "true")),
          StartupProbe.class.getName(), List.of("fc")));
      rows.put("FC, initializer not run", new Row(probe, StartupProbe.class.getName(), List.of("fc-no-initializer")));
      // -Dbench.jars=label=path,...: the same handler from other builds of the jar, spawned in the same rounds.
      for (String entry : System.getProperty("bench.jars", "").split(",")) {
        if (entry.isBlank()) continue;
        String[] labelAndPath = entry.split("=", 2);
        String otherClasspath = Paths.get(labelAndPath[1]).toAbsolutePath() + File.pathSeparator + testClasses.toAbsolutePath();
        rows.put("FC PlayAuthHandler " + labelAndPath[0], new Row(new Probe(java, jvmOptions, otherClasspath, emulator.endpoint(), Map.of()),
            StartupProbe.class.getName(), List.of("fc")));
      }
      Map<String, List<Result>> results = new LinkedHashMap<>();
      for (String name : rows.keySet()) results.put(name, new ArrayList<>());
      probe.run(StartupProbe.class.getName(), List.of("fc")); // one discarded run: the OS's file cache
      for (int i = 1; i <= runs; i++) {
        StringBuilder line = new StringBuilder("run " + i + ":");
        for (Map.Entry<String, Row> row : rows.entrySet()) {
          Result r = row.getValue().run(row.getKey() + "-" + i);
          if (!row.getKey().equals("hello-world") && !row.getKey().equals("floor")
              && (!r.fields[3].equals("200") || !r.check.endsWith("200"))) {
            throw new IllegalStateException(row.getKey() + " did not answer 200: " + r.line + " / " + r.check);
          }
          results.get(row.getKey()).add(r);
          line.append(String.format(Locale.ROOT, " %s %.0f ms;", row.getKey(), r.wallMillis));
        }
        System.out.println(line);
      }
      System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
      double helloWall = median(results.get("hello-world"), r -> r.wallMillis);
      double floorWall = median(results.get("floor"), r -> r.wallMillis);
      double helloCpu = median(results.get("hello-world"), r -> Double.parseDouble(r.fields[4]));
      double floorCpu = median(results.get("floor"), r -> Double.parseDouble(r.fields[4]));
      System.out.printf(Locale.ROOT, "%nJVM start -> first HTTP answer, medians of %d rounds of fresh JVMs (interleaved):%n", runs);
      System.out.printf(Locale.ROOT, "%-32s %9s %8s %8s %9s %8s %8s %12s %10s %8s%n", "", "to answer", "x hello", "x floor", "CPU",
          "x hello", "x floor", "ctor+init", "first", "classes");
      for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
        List<Result> r = entry.getValue();
        double wall = median(r, x -> x.wallMillis);
        double cpu = median(r, x -> Double.parseDouble(x.fields[4]));
        System.out.printf(Locale.ROOT, "%-32s %6.0f ms %7.2fx %7.2fx %6.0f ms %7.2fx %7.2fx %9.0f ms %7.1f ms %8s%n", entry.getKey(),
            wall, wall / helloWall, wall / floorWall, cpu, cpu / helloCpu, cpu / floorCpu,
            median(r, x -> Double.parseDouble(x.fields[0])), median(r, x -> Double.parseDouble(x.fields[1])),
            r.get(0).classes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", median(r, x -> x.classes)));
      }
      System.out.println("to answer: process spawn to the answer (wall clock); CPU: the process's CPU time (all threads,"
          + " /proc/self/stat, 10 ms ticks) at the answer; ctor+init: constructor and initializer; first: the first invocation;"
          + " classes: loaded before the first answer (-Dbench.classes=true; the floor: before its exit).");
      if (threads == 0) return;

      Result load = probe.run(ThroughputProbe.class.getName(), List.of(Integer.toString(threads), Long.toString(warmup), Long.toString(measure)));
      long requests = Long.parseLong(load.fields[0]);
      double seconds = Double.parseDouble(load.fields[1]);
      System.out.printf(Locale.ROOT, "%nOne instance, %d threads calling handleRequest (HTTP trigger events), %.0f s after %.0f s warm-up:%n",
          threads, seconds, warmup / 1000.0);
      System.out.printf(Locale.ROOT, "  %.0f requests/s (%d requests, %s not 200)%n", requests / seconds, requests, load.fields[2]);
    }
  }

  private static double median(List<Result> results, java.util.function.ToDoubleFunction<Result> field) {
    List<Double> values = new ArrayList<>();
    for (Result r : results) values.add(field.applyAsDouble(r));
    return median(values);
  }

  private static String loadAverage() {
    try {
      return new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Starts a fresh JVM on the shaded jar and reads its RESULT (and HEAP) line. */
  static final class Probe {
    private final String java;
    private final List<String> jvmOptions;
    private final String classpath;
    private final String endpoint;
    private final Map<String, String> extraEnvironment;

    Probe(String java, List<String> jvmOptions, String classpath, String endpoint, Map<String, String> extraEnvironment) {
      this.java = java;
      this.jvmOptions = jvmOptions;
      this.classpath = classpath;
      this.endpoint = endpoint;
      this.extraEnvironment = extraEnvironment;
    }

    /** The same probe with more environment variables. */
    Probe with(Map<String, String> environment) {
      Map<String, String> merged = new LinkedHashMap<>(extraEnvironment);
      merged.putAll(environment);
      return new Probe(java, jvmOptions, classpath, endpoint, merged);
    }

    Result run(String main, List<String> args) throws IOException, InterruptedException {
      return run(main, args, null);
    }

    /** Runs one JVM; with a class log path, counts the classes it loaded before its first answer. */
    Result run(String main, List<String> args, Path classLog) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(jvmOptions);
      if (classLog != null) command.add("-Xlog:class+load:file=" + classLog);
      command.add("-Dvodauth.fc.event=" + System.getProperty("vodauth.fc.event", ""));
      command.addAll(List.of("-cp", classpath, main));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("ALIBABA_CLOUD_") || name.startsWith("VOD_") || name.startsWith("JAVA_TOOL"));
      env.put("VOD_ENDPOINT", endpoint);
      env.put("VOD_REGION", "cn-shanghai");
      env.put("LOG_LEVEL", "INFO");
      env.putAll(extraEnvironment);
      long started = System.nanoTime();
      Process process = builder.start();
      Result result = new Result();
      try (BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = err.readLine()) != null; ) {
          if (line.startsWith("RESULT ")) {
            result.wallMillis = (System.nanoTime() - started) / 1e6;
            result.line = line;
            result.fields = line.substring(7).split(" ");
          } else if (line.startsWith("CHECK ")) {
            result.check = line;
          } else if (line.startsWith("HEAP ")) {
            result.heap = line.substring(5).split(" ");
          } else {
            System.err.println("  probe: " + line);
          }
        }
      }
      if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || result.fields == null) {
        throw new IllegalStateException(main + " " + args + " failed (exit " + process.exitValue() + ")");
      }
      if (classLog != null) result.classes = classesBeforeAnswer(classLog);
      return result;
    }
  }

  /** Lines of a class+load log above the probe's answer marker (all of them if it has none). */
  static int classesBeforeAnswer(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    int count = 0;
    for (String line : lines) {
      if (line.contains("StartupProbe$Answered")) return count;
      if (line.contains(" source: ")) count++;
    }
    return count;
  }

  /** One row of the table: which JVM to spawn. */
  static final class Row {
    private static final Path CLASS_LOGS = Paths.get(System.getProperty("java.io.tmpdir"), "fc-bench-classes");
    final Probe probe;
    final String main;
    final List<String> args;

    Row(Probe probe, String main, List<String> args) {
      this.probe = probe;
      this.main = main;
      this.args = args;
    }

    Result run(String label) throws IOException, InterruptedException {
      if (!Boolean.getBoolean("bench.classes")) return probe.run(main, args, null);
      Files.createDirectories(CLASS_LOGS);
      return probe.run(main, args, CLASS_LOGS.resolve(label.replaceAll("[^A-Za-z0-9.-]", "_") + ".log"));
    }
  }

  static final class Result {
    double classes = -1;
    double wallMillis;
    String line;
    String[] fields;
    String check = "";
    String[] heap;
  }
}
