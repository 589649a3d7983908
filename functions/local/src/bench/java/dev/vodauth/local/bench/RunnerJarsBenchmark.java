package dev.vodauth.local.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds of the runner side by side in one run, so the machine's load falls on each alike: each
 * jar's size; cold start ({@code java -jar JAR --port 0}, fresh JVMs timed from process start to
 * the banner and to the first play-auth 200, the jars taken in turn, and the CPU time the runner
 * JVM used by then, which a loaded machine skews less than wall time); then, one runner per jar,
 * throughput with 32 keep-alive clients and the peak RSS after it. Arguments: the jars. Prints
 * figures; asserts nothing.
 */
public final class RunnerJarsBenchmark {
  private static final int COLD_RUNS = Integer.getInteger("bench.coldRuns", 7);
  private static final long LOAD_SECONDS = Long.getLong("bench.loadSeconds", 5);

  private RunnerJarsBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) throw new IllegalArgumentException("usage: RunnerJarsBenchmark JAR...");
    List<Path> jars = new ArrayList<>();
    for (String arg : args) jars.add(Paths.get(arg));
    System.out.println("java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
        + " CPUs, load average before: " + loadAverage());
    List<List<Double>> firstOk = new ArrayList<>();
    List<List<Double>> listening = new ArrayList<>();
    List<List<Double>> cpu = new ArrayList<>();
    for (int i = 0; i < jars.size(); i++) {
      firstOk.add(new ArrayList<>());
      listening.add(new ArrayList<>());
      cpu.add(new ArrayList<>());
    }
    for (int run = 0; run <= COLD_RUNS; run++) {
      for (int i = 0; i < jars.size(); i++) {
        try (RunnerProcess runner = RunnerProcess.start(command(jars.get(i)))) {
          int port = runner.port();
          long answered = LocalBenchmark.firstOk(port);
          if (run == 0) continue; // warms the page cache and this JVM's client code
          firstOk.get(i).add((answered - runner.startedNanos()) / 1e6);
          listening.get(i).add((runner.listeningNanos() - runner.startedNanos()) / 1e6);
          cpu.get(i).add(cpuMillis(runner.pid()));
        }
      }
    }
    for (int i = 0; i < jars.size(); i++) {
      Path jar = jars.get(i);
      System.out.printf("%s: %,d bytes%n", jar, Files.size(jar));
      System.out.println("  JVM start to first play-auth 200: " + spread(firstOk.get(i)));
      System.out.println("  JVM start to 'listening':         " + spread(listening.get(i)));
      System.out.println("  CPU time (user+sys) to first 200: " + spread(cpu.get(i)));
    }
    for (Path jar : jars) {
      try (RunnerProcess runner = RunnerProcess.start(command(jar))) {
        int port = runner.port();
        LocalBenchmark.load(port, 3, false);
        double rate = LocalBenchmark.load(port, LOAD_SECONDS, false);
        System.out.printf("%s: %,.0f requests/s (32 keep-alive clients, %d s after 3 s of warm-up), VmHWM %,d kB%n",
            jar.getFileName(), rate, LOAD_SECONDS, runner.procStatusKb("VmHWM"));
      }
    }
    System.out.println("load average after: " + loadAverage());
  }

  private static List<String> command(Path jar) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(RunnerProcess.jvmOptions());
    command.addAll(List.of("-jar", jar.toString(), "--port", "0"));
    return command;
  }

  /** User plus system CPU time of a process so far, from /proc/PID/stat (clock ticks of 10 ms). */
  private static double cpuMillis(long pid) throws java.io.IOException {
    String stat = new String(Files.readAllBytes(Paths.get("/proc/" + pid + "/stat")));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }

  private static String spread(List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    return String.format("median %.0f ms, min %.0f ms, max %.0f ms", median, sorted.get(0), sorted.get(sorted.size() - 1));
  }

  private static String loadAverage() throws java.io.IOException {
    String[] fields = new String(Files.readAllBytes(Paths.get("/proc/loadavg"))).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
