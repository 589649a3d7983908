package dev.vodauth.local.bench;

import dev.vodauth.emulator.DemoCatalogue;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runner as a whole: cold start of the runner, warm latency through it, our overhead per
 * call, throughput with 32 keep-alive clients and peak RSS. Prints figures; asserts nothing.
 */
public final class LocalBenchmark {
  static final String PLAY_AUTH = "/play-auth?VideoId=" + DemoCatalogue.PLAYABLE;
  private static final int COLD_RUNS = 7;
  private static final int CLIENTS = 32;
  private static final long LOAD_SECONDS = 10;

  private LocalBenchmark() {}

  public static void main(String[] args) throws Exception {
    System.out.println("vod-auth local runner benchmark, " + ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME));
    System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, java " + System.getProperty("java.version")
        + " (" + System.getProperty("java.vm.name") + "), runner jar " + RunnerProcess.runnerJar());
    System.out.println("runner JVM options: " + (RunnerProcess.jvmOptions().isEmpty() ? "none (the JVM's defaults)"
        : String.join(" ", RunnerProcess.jvmOptions())));
    System.out.println("load average before: " + loadAverage() + " (other processes on the machine skew every figure)");
    System.out.println();
    coldStart();
    try (RunnerProcess runner = RunnerProcess.start(Map.of())) {
      int port = runner.port();
      warmLatency(port);
      System.out.println("3. Our overhead per call, VOD round trip taken out (in-process, 20,000 warm-up rounds, 10,000 measured):");
      OverheadBenchmark.run(20_000, 10_000);
      System.out.println();
      System.out.println("4. Throughput: " + CLIENTS + " concurrent keep-alive clients, play-auth on the playable video, "
          + LOAD_SECONDS + " s after a 5 s warm-up, runner at its default LOG_LEVEL=INFO (one log line per call to a pipe):");
      load(port, 5, false);
      load(port, LOAD_SECONDS, true);
      System.out.println();
      System.out.printf("5. Peak RSS of the runner JVM after the load: VmHWM %,d kB (VmRSS now %,d kB); it wrote %,d lines%n",
          runner.procStatusKb("VmHWM"), runner.procStatusKb("VmRSS"), runner.lines());
    }
    System.out.println("load average after: " + loadAverage());
  }

  private static String loadAverage() throws IOException {
    String[] fields = new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/proc/loadavg"))).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  /** 1: fresh JVMs, each timed from ProcessBuilder.start() to its first 200 from /play-auth. */
  private static void coldStart() throws Exception {
    System.out.println("1. JVM start to first play-auth 200 (java -jar vod-auth-local.jar --port 0, " + COLD_RUNS
        + " fresh JVMs after 1 untimed one):");
    List<Double> firstAnswer = new ArrayList<>();
    List<Double> listening = new ArrayList<>();
    for (int run = 0; run <= COLD_RUNS; run++) {
      try (RunnerProcess runner = RunnerProcess.start(Map.of())) {
        int port = runner.port();
        long answered = firstOk(port);
        if (run == 0) continue; // the first run warms the page cache and this JVM's client code
        firstAnswer.add((answered - runner.startedNanos()) / 1e6);
        listening.add((runner.listeningNanos() - runner.startedNanos()) / 1e6);
      }
    }
    System.out.println("  to first 200:     " + spread(firstAnswer));
    System.out.println("  to 'listening':   " + spread(listening) + " (banner printed, before any call)");
    System.out.println();
  }

  static long firstOk(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (KeepAliveClient client = new KeepAliveClient(port, PLAY_AUTH)) {
        if (client.get() == 200) return System.nanoTime();
      } catch (IOException | RuntimeException notYet) {
        // Polled again below.
      }
      Thread.sleep(1);
    }
    throw new IllegalStateException("no 200 from the runner within 60 s");
  }

  /** 2: one keep-alive client, calls one after another. */
  private static void warmLatency(int port) throws IOException {
    try (KeepAliveClient client = new KeepAliveClient(port, PLAY_AUTH)) {
      for (int i = 0; i < 5_000; i++) expect200(client.get());
      Percentiles latency = new Percentiles(5_000);
      for (int i = 0; i < 5_000; i++) {
        long t0 = System.nanoTime();
        expect200(client.get());
        latency.add(System.nanoTime() - t0);
      }
      System.out.println("2. Warm latency per call through the runner over HTTP to the emulator (1 keep-alive client,"
          + " 5,000 warm-up calls, 5,000 measured):");
      System.out.println("  " + latency.summary());
      System.out.println();
    }
  }

  /** 4: CLIENTS threads, each on its own keep-alive socket, as fast as answers come. */
  /** Returns the requests/s answered 200. */
  static double load(int port, long seconds, boolean report) throws InterruptedException {
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Percentiles> latencies = Collections.synchronizedList(new ArrayList<>());
    List<String> firstErrors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(CLIENTS);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long t0 = System.nanoTime();
    for (int i = 0; i < CLIENTS; i++) {
      Thread thread = new Thread(() -> {
        Percentiles mine = new Percentiles(1 << 14);
        KeepAliveClient client = null;
        while (System.nanoTime() < end) {
          try {
            if (client == null) client = new KeepAliveClient(port, PLAY_AUTH);
            long start = System.nanoTime();
            int status = client.get();
            mine.add(System.nanoTime() - start);
            if (status == 200) {
              ok.incrementAndGet();
            } else {
              errors.incrementAndGet();
              if (firstErrors.size() < 5) firstErrors.add("HTTP " + status);
            }
          } catch (IOException | RuntimeException e) {
            errors.incrementAndGet();
            if (firstErrors.size() < 5) firstErrors.add(e.toString());
            closeQuietly(client);
            client = null;
          }
        }
        closeQuietly(client);
        latencies.add(mine);
        done.countDown();
      }, "load-" + i);
      thread.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    if (!report) return ok.get() / elapsed;
    Percentiles all = new Percentiles(1 << 16);
    latencies.forEach(all::addAll);
    System.out.printf("  %,.0f requests/s (%,d answers 200 in %.1f s), errors: %d%s%n", ok.get() / elapsed, ok.get(), elapsed,
        errors.get(), firstErrors.isEmpty() ? "" : " " + firstErrors);
    System.out.println("  latency per call under this load: " + all.summary());
    return ok.get() / elapsed;
  }

  private static void expect200(int status) {
    if (status != 200) throw new IllegalStateException("runner answered " + status);
  }

  private static void closeQuietly(KeepAliveClient client) {
    if (client == null) return;
    try {
      client.close();
    } catch (IOException ignored) {
      // Closing a broken socket: nothing to do.
    }
  }

  private static String spread(List<Double> millis) {
    List<Double> sorted = new ArrayList<>(millis);
    Collections.sort(sorted);
    double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    return String.format("median %.0f ms, min %.0f ms, max %.0f ms  (all: %s)", median, sorted.get(0),
        sorted.get(sorted.size() - 1), format(millis));
  }

  private static String format(List<Double> millis) {
    StringBuilder s = new StringBuilder();
    for (double m : millis) s.append(s.length() == 0 ? "" : ", ").append(String.format("%.0f", m));
    return s.toString();
  }
}
