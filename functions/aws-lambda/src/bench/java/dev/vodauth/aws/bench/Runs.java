package dev.vodauth.aws.bench;

import dev.vodauth.emulator.VodEmulator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the AWS benchmarks share: where the function jar is, a child JVM's options, figures over runs. */
public final class Runs {
  private Runs() {}

  /** The folder a benchmark class was loaded from (target/test-classes). */
  public static Path testClasses(Class<?> benchmark) throws URISyntaxException {
    return Path.of(benchmark.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** The shaded function jar beside {@code testClasses}; fails, saying what to run, when it is not built. */
  public static Path functionJar(Path testClasses) {
    Path jar = testClasses.getParent().resolve("vod-auth-aws-lambda.jar");
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: run mvn package first");
    return jar;
  }

  /** JVM options given as one space-separated property value. */
  public static List<String> options(String value) {
    List<String> options = new ArrayList<>();
    for (String option : value.trim().split("\\s+")) {
      if (!option.isEmpty()) options.add(option);
    }
    return options;
  }

  public static double median(List<double[]> runs, int column) {
    List<Double> values = new ArrayList<>();
    for (double[] run : runs) values.add(run[column]);
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  /** The least of the runs: what the work costs when the shared machine lets it run undisturbed. */
  public static double min(List<double[]> runs, int column) {
    double least = Double.MAX_VALUE;
    for (double[] run : runs) least = Math.min(least, run[column]);
    return least;
  }

  private static final Pattern RESULT = Pattern.compile("PROBE result init=([0-9.]+) first=([0-9.]+) warm=([0-9.]+)");
  private static final Pattern CPU = Pattern.compile("PROBE cpu=([0-9.]+)");

  /** {@link #probe(String, List, String, List, VodEmulator, Map)} with no settings of its own. */
  public static double[] probe(String java, List<String> jvmOptions, String classpath, List<String> mainAndArgs,
      VodEmulator emulator) throws Exception {
    return probe(java, jvmOptions, classpath, mainAndArgs, emulator, Map.of());
  }

  /**
   * One fresh JVM running {@code mainAndArgs} (a {@code ColdStartProbe}) against the emulator, with {@code settings}
   * added to its environment: {ms from spawn to first answer, init ms, first invocation ms, warm ms, CPU ms at the
   * first answer}.
   */
  public static double[] probe(String java, List<String> jvmOptions, String classpath, List<String> mainAndArgs,
      VodEmulator emulator, Map<String, String> settings) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(Arrays.asList("-cp", classpath));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("VOD_ENDPOINT", emulator.endpoint());
    env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", VodEmulator.EMULATOR_ACCESS_KEY_ID);
    env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
    env.put("LOG_LEVEL", "OFF");
    env.remove("VOD_SECRET_ARN");
    env.putAll(settings);
    long spawned = System.nanoTime();
    Process process = builder.start();
    double total = -1;
    double cpu = -1;
    Matcher result = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals("PROBE first")) total = (System.nanoTime() - spawned) / 1_000_000.0;
        Matcher c = CPU.matcher(line);
        if (c.matches()) cpu = Double.parseDouble(c.group(1));
        Matcher m = RESULT.matcher(line);
        if (m.matches()) result = m;
        output.append(line).append('\n');
      }
    }
    if (process.waitFor() != 0 || total < 0 || result == null) {
      throw new IllegalStateException(mainAndArgs + " probe failed:\n" + output);
    }
    return new double[] {total, Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)),
        Double.parseDouble(result.group(3)), cpu};
  }
}
