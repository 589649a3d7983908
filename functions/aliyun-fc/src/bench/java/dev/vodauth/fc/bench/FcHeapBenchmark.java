package dev.vodauth.fc.bench;

import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much heap one FC instance of play-auth needs at {@code instanceConcurrency} 32: the
 * {@link ThroughputProbe} load in fresh JVMs with the maximum heap lowered step by step, in one
 * run, each with the serial collector (what the JVM picks by itself on an instance of under 2
 * vCPUs or 1,792 MB). Prints requests/s, the live heap after a full GC, the heap's peak, the
 * process's peak RSS and the GC time per step, and the ratio of each step's throughput to the
 * first (largest) step's.
 *
 * <p>Run: {@code mvn -B -q -pl functions/aliyun-fc -am install -DskipTests}, then
 * {@code mvn -B -q -pl functions/aliyun-fc exec:java -Dbenchmark.args="heap [<threads> <warmupMs> <measureMs>
 * <heap,heap,...>]"} (default
 * {@code 32 4000 8000 512m,256m,128m,96m,64m,48m,32m,24m}).
 */
public final class FcHeapBenchmark {
  private FcHeapBenchmark() {}

  public static void main(String[] args) throws Exception {
    String threads = args.length > 0 ? args[0] : "32";
    String warmup = args.length > 1 ? args[1] : "4000";
    String measure = args.length > 2 ? args[2] : "8000";
    String[] heaps = (args.length > 3 ? args[3] : "512m,256m,128m,96m,64m,48m,32m,24m").split(",");
    Path jar = Paths.get(System.getProperty("vodauth.fc.jar", "target/vod-auth-aliyun-fc.jar"));
    Path testClasses = Paths.get(System.getProperty("vodauth.fc.testClasses", "target/test-classes"));
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: run mvn package first");
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = FcBenchmark.probeClasspath(jar, testClasses);

    try (VodEmulator emulator = new VodEmulator().start()) {
      emulator.addStsKey(BenchKeys.KEY_ID, BenchKeys.SECRET, BenchKeys.TOKEN);
      emulator.addVideo(Video.of(FcBenchmark.VIDEO, VideoStatus.NORMAL).withTitle("阿里云VOD").withDuration(135.6));
      System.out.printf(Locale.ROOT, "java: %s; play-auth, %s threads on one handler, %s ms warm-up, %s ms measured, -XX:+UseSerialGC%n",
          System.getProperty("java.version"), threads, warmup, measure);
      System.out.printf(Locale.ROOT, "%-7s %10s %7s %12s %12s %10s %9s %8s%n",
          "-Xmx", "req/s", "ratio", "live heap", "peak heap", "peak RSS", "GCs", "GC ms");
      double first = 0;
      for (String heap : heaps) {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-XX:+UseSerialGC"));
        FcBenchmark.Result result;
        try {
          result = new FcBenchmark.Probe(java, options, classpath, emulator.endpoint(), Map.of())
              .run(ThroughputProbe.class.getName(), List.of(threads, warmup, measure));
        } catch (IllegalStateException e) {
          System.out.printf(Locale.ROOT, "%-7s failed: %s%n", heap, e.getMessage());
          continue;
        }
        double rate = Long.parseLong(result.fields[0]) / Double.parseDouble(result.fields[1]);
        if (first == 0) first = rate;
        String[] h = result.heap;
        System.out.printf(Locale.ROOT, "%-7s %10.0f %7.2f %9.1f MiB %9.1f MiB %6.0f MiB %9s %8s   (%s not 200)%n",
            heap, rate, rate / first, mib(h[0]), mib(h[1]), Long.parseLong(h[3]) / 1024.0, h[4], h[5], result.fields[2]);
      }
    }
  }

  private static double mib(String bytes) {
    return Long.parseLong(bytes) / 1048576.0;
  }
}
