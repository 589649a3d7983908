package dev.vodauth.aws.keys;

import dev.vodauth.aws.bench.Runs;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our Secrets Manager client against the AWS SDK for Java v2's, in one run:
 * what the SDK would add to the shaded jar, and in fresh JVMs, interleaved, the time from nothing to
 * the AccessKey pair read (on demand: init plus first read) and the first read after SnapStart's hooks.
 * Both read the secret from {@link SecretsManagerStandIn} (which verifies SigV4 signatures) with the
 * role's keys from {@link ContainerCredentialsStandIn}, as a SnapStart function does.
 *
 * <p>Run: {@code mvn -B -q -pl functions/aws-lambda -am install -DskipTests}, then
 * {@code mvn -B -q -pl functions/aws-lambda exec:java@credentials-benchmark -Dexec.args="7"
 * -Dbench.jvmOptions="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}.
 */
public final class CredentialsClientBenchmark {
  private static final Pattern RESULT = Pattern.compile("PROBE result init=([0-9.]+) first=([0-9.]+) warm=.*");
  private static final Pattern CPU = Pattern.compile("PROBE cpu=([0-9.]+)");

  private CredentialsClientBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path testClasses = Runs.testClasses(CredentialsClientBenchmark.class);
    Path jar = Runs.functionJar(testClasses);
    List<Path> sdkJars = new ArrayList<>();
    for (String entry : classpath()) {
      if (entry.contains("/software/amazon/awssdk/") || entry.contains("/org/reactivestreams/")) sdkJars.add(Paths.get(entry));
    }
    long sdkBytes = 0;
    for (Path sdkJar : sdkJars) sdkBytes += Files.size(sdkJar);
    long ourBytes = 0;
    for (String name : List.of("AwsSigV4", "LambdaRoleCredentials", "SecretsManagerCredentials", "AwsCredentials")) {
      try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
        ourBytes += zip.stream().filter(e -> e.getName().startsWith("dev/vodauth/aws/keys/" + name))
            .mapToLong(java.util.zip.ZipEntry::getCompressedSize).sum();
      }
    }
    String java = System.getProperty("bench.java", ProcessHandle.current().info().command().orElse("java"));
    List<String> jvmOptions = new ArrayList<>();
    for (String option : System.getProperty("bench.jvmOptions", "").trim().split("\\s+")) {
      if (!option.isEmpty()) jvmOptions.add(option);
    }
    StringBuilder classpath = new StringBuilder(jar + File.pathSeparator + testClasses);
    for (Path sdkJar : sdkJars) classpath.append(File.pathSeparator).append(sdkJar);

    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (SecretsManagerStandIn secrets = new SecretsManagerStandIn();
        ContainerCredentialsStandIn container = new ContainerCredentialsStandIn()) {
      secrets.serve("bench-access-key-id", "bench-access-key-secret");
      Map<String, String> env = secrets.snapStartEnvironment(container);
      probe(java, jvmOptions, classpath.toString(), env, "sdk", "on-demand"); // discarded: the OS's file cache
      for (int run = 0; run < runs; run++) {
        for (String client : List.of("ours", "sdk")) {
          for (String mode : List.of("on-demand", "snapstart")) {
            results.computeIfAbsent(client + " " + mode, k -> new ArrayList<>())
                .add(probe(java, jvmOptions, classpath.toString(), env, client, mode));
          }
        }
      }
      if (!secrets.refusals().isEmpty()) throw new IllegalStateException("the stand-in refused requests: " + secrets.refusals());
    }

    System.out.printf(Locale.ROOT, "java: %s %s, %d rounds of fresh JVMs (interleaved)%n", java, String.join(" ", jvmOptions), runs);
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", new String(Files.readAllBytes(Paths.get("/proc/loadavg")),
        StandardCharsets.US_ASCII).trim());
    System.out.printf(Locale.ROOT, "jar: %s %,d bytes; our client's classes in it %,d bytes (compressed);"
        + " the SDK's jars (%d, url-connection-client, no Apache/Netty) %,d bytes: +%.0f %% of the jar%n",
        jar.getFileName(), Files.size(jar), ourBytes, sdkJars.size(), sdkBytes, 100.0 * sdkBytes / Files.size(jar));
    System.out.printf(Locale.ROOT, "%-20s %12s %12s %12s%n", "medians", "build", "first read", "CPU at read");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      List<double[]> r = entry.getValue();
      System.out.printf(Locale.ROOT, "%-20s %9.1f ms %9.1f ms %9.0f ms%n", entry.getKey(), Runs.median(r, 0), Runs.median(r, 1), Runs.median(r, 2));
    }
    System.out.println("build: constructing the client (the snapstart rows: after the restore, none for ours, a new client for"
        + " the SDK); first read: the first GetSecretValue, role keys included (snapstart rows: after one warm-up read and"
        + " the hooks' key drop); CPU: the process's CPU time (all threads) when the keys are in hand.");
  }

  private static List<String> classpath() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader instanceof URLClassLoader) {
      List<String> entries = new ArrayList<>();
      for (URL url : ((URLClassLoader) loader).getURLs()) entries.add(url.getPath());
      return entries;
    }
    return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
  }

  /** One fresh JVM: {build ms, first read ms, CPU ms}. */
  private static double[] probe(String java, List<String> jvmOptions, String classpath, Map<String, String> env,
      String client, String mode) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, CredentialsClientProbe.class.getName(), client, mode));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("VOD_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    Matcher result = null;
    double cpu = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher m = RESULT.matcher(line);
        if (m.matches()) result = m;
        Matcher c = CPU.matcher(line);
        if (c.matches()) cpu = Double.parseDouble(c.group(1));
        output.append(line).append('\n');
      }
    }
    if (process.waitFor() != 0 || result == null) throw new IllegalStateException(client + " " + mode + " failed:\n" + output);
    return new double[] {Double.parseDouble(result.group(1)), Double.parseDouble(result.group(2)), cpu};
  }
}
