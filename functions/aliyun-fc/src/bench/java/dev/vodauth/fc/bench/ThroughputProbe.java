package dev.vodauth.fc.bench;

import dev.vodauth.fc.PlayAuthHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One FC instance under {@code instanceConcurrency} load: N threads call one handler's
 * handleRequest with HTTP trigger events, back to back, against the emulator. Prints
 * {@code RESULT <requests> <seconds> <non200>} and {@code HEAP ...} ({@link HeapFigures}) on
 * standard error. Run by {@link FcBenchmark} and {@link FcHeapBenchmark}.
 */
public final class ThroughputProbe {
  private ThroughputProbe() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    long warmupMillis = Long.parseLong(args[1]);
    long measureMillis = Long.parseLong(args[2]);
    byte[] event = StartupProbe.resource("/events/http-get.json");
    PlayAuthHandler handler = new PlayAuthHandler();
    handler.initialize(BenchKeys.context("init"));

    AtomicBoolean measuring = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int worker = t;
      Thread thread = new Thread(() -> {
        long n = 0;
        while (!stop.get()) {
          ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
          try {
            handler.handleRequest(new ByteArrayInputStream(event), out, BenchKeys.context("w" + worker + "-" + n++));
          } catch (Exception e) {
            failed.incrementAndGet();
            continue;
          }
          if (measuring.get()) {
            done.incrementAndGet();
            if (!out.toString(StandardCharsets.UTF_8).contains("\"statusCode\":200")) failed.incrementAndGet();
          }
        }
      });
      workers.add(thread);
      thread.start();
    }
    Thread.sleep(warmupMillis);
    long start = System.nanoTime();
    measuring.set(true);
    Thread.sleep(measureMillis);
    measuring.set(false);
    long requests = done.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    stop.set(true);
    for (Thread thread : workers) thread.join();
    System.err.println("RESULT " + requests + " " + seconds + " " + failed.get());
    System.err.println("HEAP " + HeapFigures.now());
  }
}
