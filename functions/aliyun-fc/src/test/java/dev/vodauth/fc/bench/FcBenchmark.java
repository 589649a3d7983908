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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The FC adapter's figures, printed: cold start of the shaded jar in fresh JVMs beside a
 * hello-world stream handler, the initializer/first-invocation split, the jar's size, and the
 * requests per second one instance holds at instanceConcurrency 32. Every probe is a new
 * {@code java} process on the shaded jar plus the test classes; this JVM hosts the emulator.
 *
 * <p>Run (see BENCHMARKS.md): {@code mvn -B -q -pl functions/aliyun-fc -am package -DskipTests}
 * then {@code mvn -B -q -pl functions/aliyun-fc exec:java}; arguments via
 * {@code -Dbenchmark.args="<runs> <threads> <warmupMs> <measureMs>"} (default 7 32 5000 15000);
 * {@code -Dbenchmark.args="heap ..."} runs {@link FcHeapBenchmark} instead.
 */
public final class FcBenchmark {
  static final String VIDEO = "93ab850b4f6f4b6e91d24d81d4a1c2e0";

  private FcBenchmark() {}

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
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: run mvn package first");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = jar.toAbsolutePath() + File.pathSeparator + testClasses.toAbsolutePath();

    try (VodEmulator emulator = new VodEmulator().start()) {
      emulator.addStsKey(BenchKeys.KEY_ID, BenchKeys.SECRET, BenchKeys.TOKEN);
      emulator.addVideo(Video.of(VIDEO, VideoStatus.NORMAL).withTitle("阿里云VOD").withDuration(135.6));
      Probe probe = new Probe(java, classpath, emulator.endpoint());

      System.out.printf(Locale.ROOT, "java: %s (%s)%n", System.getProperty("java.version"), java);
      System.out.printf(Locale.ROOT, "jar: %s, %,d bytes (%.2f MiB)%n", jar.getFileName(), Files.size(jar), Files.size(jar) / 1048576.0);
      List<Double> fcWall = new ArrayList<>();
      List<Double> helloWall = new ArrayList<>();
      List<Double> fcUptime = new ArrayList<>();
      List<Double> helloUptime = new ArrayList<>();
      List<Double> init = new ArrayList<>();
      List<Double> first = new ArrayList<>();
      probe.run(StartupProbe.class, List.of()); // one discarded run: the OS's file cache
      for (int i = 1; i <= runs; i++) {
        Result fc = probe.run(StartupProbe.class, List.of("fc"));
        Result hello = probe.run(StartupProbe.class, List.of("hello"));
        if (!fc.fields[3].equals("200") || !fc.check.endsWith("200")) {
          throw new IllegalStateException("the FC handler did not answer 200: " + fc.line + " / " + fc.check);
        }
        fcWall.add(fc.wallMillis);
        helloWall.add(hello.wallMillis);
        fcUptime.add(Double.parseDouble(fc.fields[2]));
        helloUptime.add(Double.parseDouble(hello.fields[2]));
        init.add(Double.parseDouble(fc.fields[0]));
        first.add(Double.parseDouble(fc.fields[1]));
        System.out.printf(Locale.ROOT, "run %d: fc %.0f ms (initialize %.0f, first invocation %.0f), hello %.0f ms%n",
            i, fc.wallMillis, init.get(i - 1), first.get(i - 1), hello.wallMillis);
      }
      System.out.printf(Locale.ROOT, "%nJVM start -> first HTTP answer, median of %d fresh JVMs (process spawn to answer):%n", runs);
      System.out.printf(Locale.ROOT, "  FC PlayAuthHandler     %7.0f ms  (JVM uptime at answer %.0f ms)%n", median(fcWall), median(fcUptime));
      System.out.printf(Locale.ROOT, "  hello StreamHandler    %7.0f ms  (JVM uptime at answer %.0f ms)%n", median(helloWall), median(helloUptime));
      System.out.printf(Locale.ROOT, "  ratio                  %7.2f x%n", median(fcWall) / median(helloWall));
      System.out.printf(Locale.ROOT, "  split: constructor + initialize %.0f ms, first invocation %.0f ms (medians)%n", median(init), median(first));

      Result load = probe.run(ThroughputProbe.class, List.of(Integer.toString(threads), Long.toString(warmup), Long.toString(measure)));
      long requests = Long.parseLong(load.fields[0]);
      double seconds = Double.parseDouble(load.fields[1]);
      System.out.printf(Locale.ROOT, "%nOne instance, %d threads calling handleRequest (HTTP trigger events), %.0f s after %.0f s warm-up:%n",
          threads, seconds, warmup / 1000.0);
      System.out.printf(Locale.ROOT, "  %.0f requests/s (%d requests, %s not 200)%n", requests / seconds, requests, load.fields[2]);
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
    private final String classpath;
    private final String endpoint;

    Probe(String java, String classpath, String endpoint) {
      this.java = java;
      this.classpath = classpath;
      this.endpoint = endpoint;
    }

    Result run(Class<?> main, List<String> args) throws IOException, InterruptedException {
      return run(List.of(), main, args);
    }

    /** As {@link #run(Class, List)}, with these options for the probe's JVM (e.g. {@code -Xmx64m}). */
    Result run(List<String> jvmOptions, Class<?> main, List<String> args) throws IOException, InterruptedException {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", classpath, main.getName()));
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("ALIBABA_CLOUD_") || name.startsWith("VOD_") || name.startsWith("JAVA_TOOL"));
      env.put("VOD_ENDPOINT", endpoint);
      env.put("VOD_REGION", "cn-shanghai");
      env.put("LOG_LEVEL", "INFO");
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
        throw new IllegalStateException(main.getSimpleName() + " " + args + " failed (exit " + process.exitValue() + ")");
      }
      return result;
    }
  }

  static final class Result {
    double wallMillis;
    String line;
    String[] fields;
    String check = "";
    String[] heap;
  }
}
