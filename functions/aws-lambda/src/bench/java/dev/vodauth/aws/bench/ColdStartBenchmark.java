package dev.vodauth.aws.bench;

import dev.vodauth.aws.ColdStartProbe;
import dev.vodauth.emulator.VodEmulator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cold start of the Lambda handlers, measured in fresh JVMs: each run is a new {@code java}
 * process on the shaded jar, answering one function URL request (play-auth against an emulator
 * this process runs). One round spawns, one after the other, a hello-world RequestStreamHandler,
 * the floor (the same signed GetVideoPlayAuth with the least code: {@code dev.vodauth.bench.FloorProbe}
 * from the shared module's test classes), PlayAuthHandler on demand (init as Lambda runs it),
 * PlayAuthHandler with one priming round in init (a lever: it did not pay), and PlayAuthHandler with the SnapStart
 * hooks run after init. Prints medians and ratios; BENCHMARKS.md records them with the command.
 *
 * <p>Arguments: {@code [runs (default 7)] [warm invocations per JVM (default 400)]}. System
 * properties: {@code bench.java} (the {@code java} to spawn; default this JVM's),
 * {@code bench.jvmOptions} (options for every spawned JVM, space-separated; Lambda java21 runs
 * {@code -XX:TieredStopAtLevel=1 -XX:+UseSerialGC}).
 */
public final class ColdStartBenchmark {
  private static final String EVENT = "events/v2/get.json";
  private static final String PLAYABLE = "5aa0bbf5e8a84c7fb7a3a0f5c1d20001"; // the event's VideoId, in the demo catalogue

  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Path testClasses = Runs.testClasses(ColdStartBenchmark.class);
    Path jar = Runs.functionJar(testClasses);
    Path sharedTestClasses = testClasses.getParent().getParent().getParent().getParent().resolve("shared/target/test-classes");
    if (!Files.isDirectory(sharedTestClasses.resolve("dev/vodauth/bench"))) {
      throw new IllegalStateException(sharedTestClasses + " has no FloorProbe: run mvn install -DskipTests first");
    }
    String java = System.getProperty("bench.java", ProcessHandle.current().info().command().orElse("java"));
    List<String> jvmOptions = Runs.options(System.getProperty("bench.jvmOptions", ""));
    String classpath = jar + File.pathSeparator + testClasses;
    String floorClasspath = jar + File.pathSeparator + sharedTestClasses;

    Map<String, List<double[]>> results = new LinkedHashMap<>();
    for (String name : List.of("hello-world", "floor", "play-auth on demand", "play-auth + init priming", "play-auth SnapStart-style")) {
      results.put(name, new ArrayList<>());
    }
    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue().withDefaultAccount()) {
      // One discarded round: the OS's file cache.
      Runs.probe(java, jvmOptions, classpath, List.of(ColdStartProbe.class.getName(), "dev.vodauth.aws.PlayAuthHandler", EVENT, "1", "on-demand"), emulator);
      for (int run = 0; run < runs; run++) {
        results.get("hello-world").add(Runs.probe(java, jvmOptions, classpath,
            List.of(ColdStartProbe.class.getName(), HelloWorldHandler.class.getName(), EVENT, Integer.toString(warm), "on-demand"), emulator));
        results.get("floor").add(Runs.probe(java, jvmOptions, floorClasspath,
            List.of("dev.vodauth.bench.FloorProbe", PLAYABLE, Integer.toString(warm)), emulator));
        results.get("play-auth on demand").add(Runs.probe(java, jvmOptions, classpath,
            List.of(ColdStartProbe.class.getName(), "dev.vodauth.aws.PlayAuthHandler", EVENT, Integer.toString(warm), "on-demand"), emulator));
        results.get("play-auth + init priming").add(Runs.probe(java, jvmOptions, classpath,
            List.of(ColdStartProbe.class.getName(), "dev.vodauth.aws.PlayAuthHandler", EVENT, Integer.toString(warm), "init-priming"), emulator));
        results.get("play-auth SnapStart-style").add(Runs.probe(java, jvmOptions, classpath,
            List.of(ColdStartProbe.class.getName(), "dev.vodauth.aws.PlayAuthHandler", EVENT, Integer.toString(warm), "snapstart"), emulator));
      }
    }

    System.out.printf(Locale.ROOT, "java: %s %s, %d rounds of fresh JVMs (interleaved), %d warm invocations per JVM; jar %s, %.2f MiB%n",
        java, String.join(" ", jvmOptions), runs, warm, jar.getFileName(), Files.size(jar) / 1048576.0);
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", loadAverage());
    double hello = Runs.median(results.get("hello-world"), 0);
    double floor = Runs.median(results.get("floor"), 0);
    double helloCpu = Runs.median(results.get("hello-world"), 4);
    double floorCpu = Runs.median(results.get("floor"), 4);
    System.out.printf(Locale.ROOT, "%-28s %9s %8s %8s %9s %8s %8s %10s %10s %9s%n", "medians", "to answer", "x hello", "x floor",
        "CPU", "x hello", "x floor", "init", "first", "warm");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      List<double[]> r = entry.getValue();
      double total = Runs.median(r, 0);
      double cpu = Runs.median(r, 4);
      System.out.printf(Locale.ROOT, "%-28s %6.0f ms %7.2fx %7.2fx %6.0f ms %7.2fx %7.2fx %7.1f ms %7.2f ms %6.3f ms%n",
          entry.getKey(), total, total / hello, total / floor, cpu, cpu / helloCpu, cpu / floorCpu,
          Runs.median(r, 1), Runs.median(r, 2), Runs.median(r, 3));
    }
    System.out.println("to answer: process spawn to the first answer (wall clock); CPU: the process's CPU time (all threads,"
        + " /proc/self/stat, 10 ms ticks) at its first answer, less sensitive to the machine's other load; init: the handler's construction (the SnapStart row:"
        + " construction plus beforeCheckpoint and afterRestore, paid at publish); first: the first invocation after init;"
        + " warm: median of the last half of the warm invocations. Every figure per row is the median over the rounds.");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      StringBuilder all = new StringBuilder();
      for (double[] run : entry.getValue()) all.append(String.format(Locale.ROOT, " %.0f", run[0]));
      System.out.printf(Locale.ROOT, "  all runs, %s (ms to answer):%s%n", entry.getKey(), all);
    }
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
