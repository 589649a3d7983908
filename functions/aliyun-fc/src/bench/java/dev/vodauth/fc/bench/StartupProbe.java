package dev.vodauth.fc.bench;

import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * One fresh JVM's cold start, as FC runs it: construct the handler, run the initializer, answer
 * the first HTTP trigger event. Prints {@code RESULT <initMs> <firstMs> <uptimeMs> <status> <cpuMs>}
 * on standard error (mode {@code fc-no-initializer}: FC without its initializer's priming, a lever) (standard output carries the function's log line). Run by {@link FcBenchmark}.
 */
public final class StartupProbe {
  private StartupProbe() {}

  public static void main(String[] args) throws Exception {
    boolean hello = args.length > 0 && args[0].equals("hello");
    boolean withInitializer = !(args.length > 0 && args[0].equals("fc-no-initializer"));
    byte[] event = event();
    long t0 = System.nanoTime();
    StreamRequestHandler handler = hello ? new HelloStreamHandler() : new dev.vodauth.fc.PlayAuthHandler();
    if (withInitializer && handler instanceof FunctionInitializer) {
      ((FunctionInitializer) handler).initialize(BenchKeys.context("init"));
    }
    long t1 = System.nanoTime();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, BenchKeys.context("first"));
    long t2 = System.nanoTime();
    double cpu = cpuMillis();
    Answered.mark();
    long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
    String answer = out.toString(StandardCharsets.UTF_8);
    System.err.println("RESULT " + (t1 - t0) / 1_000_000.0 + " " + (t2 - t1) / 1_000_000.0 + " " + uptime + " " + status(answer)
        + " " + cpu);
    if (!hello) checkRefreshUpload();
  }

  /** CPU time this process has used so far, all threads (utime + stime of /proc/self/stat), or -1. */
  static double cpuMillis() {
    try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/stat")) {
      String stat = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The HTTP trigger event: {@code ../shared/samples/aliyun-fc3/http-trigger-event-get.json} when
   * the benchmark names it ({@code vodauth.fc.event}), else the same request from the test resources.
   */
  private static byte[] event() throws IOException {
    String path = System.getProperty("vodauth.fc.event", "");
    return path.isEmpty() ? resource("/events/http-get.json") : java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(path));
  }

  /**
   * Loaded the moment the first answer exists: in a {@code -Xlog:class+load} log, the classes
   * above its line are those loaded before the first answer.
   */
  static final class Answered {
    static void mark() {}
  }

  /** Untimed: the shaded jar also serves refresh-upload (its SDK request class is in the jar). */
  private static void checkRefreshUpload() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new dev.vodauth.fc.RefreshUploadHandler()
        .handleRequest(new ByteArrayInputStream(resource("/events/http-post-json.json")), out, BenchKeys.context("check"));
    System.err.println("CHECK refresh-upload " + status(out.toString(StandardCharsets.UTF_8)));
  }

  private static String status(String answer) {
    int at = answer.indexOf("\"statusCode\":");
    return at < 0 ? "none" : answer.substring(at + 13, Math.min(answer.length(), at + 16));
  }

  static byte[] resource(String name) throws IOException {
    try (InputStream in = StartupProbe.class.getResourceAsStream(name)) {
      if (in == null) throw new IOException("no resource " + name);
      return in.readAllBytes();
    }
  }
}
