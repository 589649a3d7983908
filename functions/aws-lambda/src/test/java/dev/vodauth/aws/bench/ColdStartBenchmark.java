package dev.vodauth.aws.bench;

import dev.vodauth.aws.ColdStartProbe;
import dev.vodauth.emulator.VodEmulator;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold start of the Lambda handlers, measured in fresh JVMs: each run is a new {@code java}
 * process on the shaded jar, answering one function URL request (play-auth against an emulator
 * this process runs) beside a hello-world RequestStreamHandler. Prints medians; BENCHMARKS.md
 * records them with the command.
 *
 * <p>Arguments: {@code [runs (default 7)] [warm invocations per JVM (default 400)]}.
 */
public final class ColdStartBenchmark {
  private static final Pattern RESULT = Pattern.compile("PROBE result init=([0-9.]+) first=([0-9.]+) warm=([0-9.]+)");
  private static final String EVENT = "events/v2/get.json";

  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Path testClasses = Path.of(ColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = testClasses.getParent().resolve("vod-auth-aws-lambda.jar");
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: run mvn package first");
    String classpath = jar + File.pathSeparator + testClasses;
    String java = ProcessHandle.current().info().command().orElse("java");

    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue().withDefaultAccount()) {
      List<double[]> hello = new ArrayList<>();
      List<double[]> playAuth = new ArrayList<>();
      List<double[]> snapStart = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        hello.add(probe(java, classpath, HelloWorldHandler.class.getName(), warm, "on-demand", emulator));
        playAuth.add(probe(java, classpath, "dev.vodauth.aws.PlayAuthHandler", warm, "on-demand", emulator));
        snapStart.add(probe(java, classpath, "dev.vodauth.aws.PlayAuthHandler", warm, "snapstart", emulator));
      }
      double helloTotal = median(hello, 0);
      double total = median(playAuth, 0);
      double first = median(playAuth, 2);
      double warmMedian = median(playAuth, 3);
      System.out.printf(Locale.ROOT, "java: %s (%s), %d fresh JVMs each, %d warm invocations per JVM%n",
          System.getProperty("java.version"), java, runs, warm);
      System.out.printf(Locale.ROOT, "jar: %s, %.1f MiB%n", jar.getFileName(), Files.size(jar) / 1048576.0);
      System.out.printf(Locale.ROOT, "JVM start to first function URL answer, median: hello-world %.0f ms, play-auth %.0f ms, ratio %.2f%n",
          helloTotal, total, total / helloTotal);
      System.out.printf(Locale.ROOT, "play-auth split, medians: init (with priming) %.0f ms, first invocation %.2f ms%n",
          median(playAuth, 1), first);
      System.out.printf(Locale.ROOT, "play-auth on demand: first invocation after init priming %.2f ms vs warm %.3f ms: %.1fx%n",
          first, warmMedian, first / warmMedian);
      System.out.printf(Locale.ROOT, "play-auth SnapStart-like (checkpoint hooks run): init + checkpoint priming %.0f ms (paid at publish),"
          + " first invocation %.2f ms vs warm %.3f ms: %.1fx%n",
          median(snapStart, 1), median(snapStart, 2), median(snapStart, 3), median(snapStart, 2) / median(snapStart, 3));
      System.out.printf(Locale.ROOT, "hello-world: init %.1f ms, first invocation %.3f ms, warm %.4f ms%n",
          median(hello, 1), median(hello, 2), median(hello, 3));
    }
  }

  /** One fresh JVM: {total ms from spawn to first answer, init ms, first invocation ms, warm ms}. */
  private static double[] probe(String java, String classpath, String handler, int warm, String mode, VodEmulator emulator)
      throws Exception {
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, ColdStartProbe.class.getName(), handler, EVENT,
        Integer.toString(warm), mode).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("VOD_ENDPOINT", emulator.endpoint());
    env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", VodEmulator.EMULATOR_ACCESS_KEY_ID);
    env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
    env.put("LOG_LEVEL", "OFF");
    env.remove("VOD_SECRET_ARN");
    long spawned = System.nanoTime();
    Process process = builder.start();
    double total = -1;
    Matcher result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals("PROBE first")) total = (System.nanoTime() - spawned) / 1_000_000.0;
        Matcher m = RESULT.matcher(line);
        if (m.matches()) result = m;
        output.append(line).append('\n');
      }
    }
    if (process.waitFor() != 0 || total < 0 || result == null) {
      throw new IllegalStateException(handler + " probe failed:\n" + output);
    }
    return new double[] {total, Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)),
        Double.parseDouble(result.group(3))};
  }

  private static double median(List<double[]> runs, int column) {
    List<Double> values = new ArrayList<>();
    for (double[] run : runs) values.add(run[column]);
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }
}
