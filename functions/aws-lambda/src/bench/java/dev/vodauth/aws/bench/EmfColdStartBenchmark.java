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
 * The cold start and warm call of play-auth on Lambda with the log line's CloudWatch EMF metadata
 * on ({@code METRICS_EMBEDDED=true}, the default) and off, in interleaved fresh JVMs (the order
 * alternates run by run), each the {@link ColdStartProbe} of {@link ColdStartBenchmark} with
 * {@code LOG_LEVEL=INFO}: every invocation writes its line to standard output, which this
 * process reads, as Lambda's runtime does. Prints medians and minima and the on/off ratios.
 *
 * <p>{@code mvn -B -q -pl functions/aws-lambda exec:java -Dexec.mainClass=dev.vodauth.aws.bench.EmfColdStartBenchmark
 * -Dexec.classpathScope=test -Dexec.args="9 400"} after {@code mvn -B -q -pl functions/aws-lambda -am install -DskipTests}.
 */
public final class EmfColdStartBenchmark {
  private static final Pattern RESULT = Pattern.compile("PROBE result init=([0-9.]+) first=([0-9.]+) warm=([0-9.]+)");

  private EmfColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Path testClasses = Runs.testClasses(EmfColdStartBenchmark.class);
    Path jar = Runs.functionJar(testClasses);
    String classpath = jar + File.pathSeparator + testClasses;
    String java = ProcessHandle.current().info().command().orElse("java");

    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue().withDefaultAccount()) {
      List<double[]> on = new ArrayList<>();
      List<double[]> off = new ArrayList<>();
      probe(java, classpath, warm, true, emulator); // one untimed pair: disk caches
      probe(java, classpath, warm, false, emulator);
      for (int run = 0; run < runs; run++) {
        boolean onFirst = run % 2 == 0;
        (onFirst ? on : off).add(probe(java, classpath, warm, onFirst, emulator));
        (onFirst ? off : on).add(probe(java, classpath, warm, !onFirst, emulator));
      }
      System.out.printf(Locale.ROOT, "java %s, %d fresh JVMs each way (interleaved), %d warm invocations per JVM, LOG_LEVEL=INFO%n",
          System.getProperty("java.version"), runs, warm);
      String[] names = {"JVM start to first answer", "init (with priming)", "first invocation", "warm invocation",
          "CPU time of the JVM"};
      for (int column = 0; column < names.length; column++) {
        double a = Runs.median(on, column);
        double b = Runs.median(off, column);
        double minA = Runs.min(on, column);
        double minB = Runs.min(off, column);
        System.out.printf(Locale.ROOT, "  %-26s median: EMF on %9.3f ms, off %9.3f ms, on/off %.3f;  min: on %9.3f, off %9.3f, on/off %.3f%n",
            names[column], a, b, a / b, minA, minB, minA / minB);
      }
    }
  }

  /** One fresh JVM: {total ms from spawn to first answer, init ms, first invocation ms, warm ms, CPU ms}. */
  private static double[] probe(String java, String classpath, int warm, boolean emf, VodEmulator emulator) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", classpath, ColdStartProbe.class.getName(),
        "dev.vodauth.aws.PlayAuthHandler", "events/v2/get.json", Integer.toString(warm), "on-demand").redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("VOD_ENDPOINT", emulator.endpoint());
    env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", VodEmulator.EMULATOR_ACCESS_KEY_ID);
    env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
    env.put("LOG_LEVEL", "INFO");
    env.put("METRICS_EMBEDDED", Boolean.toString(emf));
    env.remove("VOD_SECRET_ARN");
    long spawned = System.nanoTime();
    Process process = builder.start();
    double total = -1;
    Matcher result = null;
    int emfLines = 0;
    double cpu = -1;
    StringBuilder tail = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals("PROBE first")) total = (System.nanoTime() - spawned) / 1_000_000.0;
        Matcher m = RESULT.matcher(line);
        if (m.matches()) {
          result = m;
          // The child's CPU time so far (start, init, first and warm invocations), read before it
          // exits and is reaped; on a shared machine it moves less than wall time.
          cpu = process.info().totalCpuDuration().map(d -> d.toNanos() / 1_000_000.0).orElse(-1.0);
        }
        if (line.contains("\"_aws\"")) emfLines++;
        if (!line.startsWith("{")) tail.append(line).append('\n');
      }
    }
    if (process.waitFor() != 0 || total < 0 || result == null || cpu < 0 || (emfLines > 0) != emf) {
      throw new IllegalStateException("probe failed (EMF " + emf + ", " + emfLines + " EMF lines):\n" + tail);
    }
    return new double[] {total, Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)),
        Double.parseDouble(result.group(3)), cpu};
  }
}
