package dev.vodauth.aws.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
}
