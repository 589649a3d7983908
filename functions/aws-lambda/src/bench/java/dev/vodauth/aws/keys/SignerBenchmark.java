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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Our SigV4 signer against the AWS SDK for Java v2's signer alone ({@code http-auth-aws} and what
 * it pulls in, nothing of a service client), in one run: what the SDK's jars would add to the
 * shaded Lambda jar (classes not already in it, compressed as the jar stores them), and in fresh
 * JVMs, interleaved, the CPU time from nothing to one signed GetSecretValue request
 * ({@link SignerProbe}). Each JVM's classpath holds only what its signer needs, so a missing
 * jar fails the run; the two Authorization headers must be the same.
 *
 * <p>Run (BENCHMARKS.md, "The SigV4 signer"): {@code mvn -B -q -pl functions/aws-lambda -am package
 * dependency:build-classpath -DskipTests -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test},
 * then in {@code functions/aws-lambda}: {@code java -cp target/test-classes:target/classes:$(cat
 * target/test.classpath) dev.vodauth.aws.keys.SignerBenchmark 11}.
 */
public final class SignerBenchmark {
  /** http-auth-aws 2.57.8's compile closure ({@code mvn dependency:tree} of it alone). */
  static final List<String> SDK_SIGNER_JARS = List.of("/software/amazon/awssdk/http-auth-aws/",
      "/software/amazon/awssdk/annotations/", "/software/amazon/awssdk/utils/", "/org/reactivestreams/reactive-streams/",
      "/org/slf4j/slf4j-api/", "/software/amazon/awssdk/identity-spi/", "/software/amazon/awssdk/http-client-spi/",
      "/software/amazon/awssdk/metrics-spi/", "/software/amazon/awssdk/http-auth-spi/",
      "/software/amazon/awssdk/checksums-spi/", "/software/amazon/awssdk/checksums/");
  private static final Pattern CPU = Pattern.compile("PROBE cpu=([0-9.]+) sign=([0-9.]+)");
  private static final Pattern AUTHORIZATION = Pattern.compile("PROBE authorization=(.*)");

  private SignerBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 11;
    Path testClasses = Runs.testClasses(SignerBenchmark.class);
    Path classes = testClasses.getParent().resolve("classes");
    Path jar = Runs.functionJar(testClasses);

    List<Path> sdkJars = new ArrayList<>();
    for (String prefix : SDK_SIGNER_JARS) {
      Path found = null;
      for (String entry : classpath()) {
        if (entry.contains(prefix) && entry.endsWith(".jar")) found = Paths.get(entry);
      }
      if (found == null) throw new IllegalStateException("not on the test classpath: " + prefix);
      sdkJars.add(found);
    }
    long added = 0;
    long alreadyShipped = 0;
    try (ZipFile lambda = new ZipFile(jar.toFile())) {
      for (Path sdkJar : sdkJars) {
        try (ZipFile zip = new ZipFile(sdkJar.toFile())) {
          for (ZipEntry entry : Collections.list(zip.entries())) {
            if (entry.isDirectory() || entry.getName().startsWith("META-INF/")) continue;
            if (lambda.getEntry(entry.getName()) != null) {
              alreadyShipped += entry.getCompressedSize();
            } else {
              added += entry.getCompressedSize();
            }
          }
        }
      }
    }
    long ours = 0;
    try (ZipFile lambda = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : Collections.list(lambda.entries())) {
        if (entry.getName().startsWith("dev/vodauth/aws/keys/AwsSigV4")) ours += entry.getCompressedSize();
      }
    }

    String java = System.getProperty("bench.java", ProcessHandle.current().info().command().orElse("java"));
    String oursClasspath = classes + File.pathSeparator + testClasses;
    StringBuilder sdkClasspath = new StringBuilder(oursClasspath);
    for (Path sdkJar : sdkJars) sdkClasspath.append(File.pathSeparator).append(sdkJar);

    Map<String, List<double[]>> results = new LinkedHashMap<>();
    String[] authorization = new String[2];
    probe(java, oursClasspath, "ours", authorization, 0); // discarded: the OS's file cache
    probe(java, sdkClasspath.toString(), "sdk", authorization, 1);
    for (int run = 0; run < runs; run++) {
      boolean sdkFirst = run % 2 == 1; // the order alternates run by run
      for (String signer : sdkFirst ? List.of("sdk", "ours") : List.of("ours", "sdk")) {
        boolean sdk = signer.equals("sdk");
        results.computeIfAbsent(signer, k -> new ArrayList<>())
            .add(probe(java, sdk ? sdkClasspath.toString() : oursClasspath, signer, authorization, sdk ? 1 : 0));
      }
    }
    if (!authorization[0].equals(authorization[1])) {
      throw new IllegalStateException("the signers disagree:\n  ours " + authorization[0] + "\n  sdk  " + authorization[1]);
    }

    System.out.printf(Locale.ROOT, "java: %s, %d rounds of fresh JVMs (interleaved, order alternating); load average at the end: %s%n",
        java, runs, new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.US_ASCII).trim());
    System.out.printf(Locale.ROOT, "jar: the SDK signer's %d jars would add %,d bytes (%.2f MiB) of compressed classes to %s"
        + " (%,d bytes; %,d more bytes of theirs are already in it); our signer's classes: %,d bytes%n",
        sdkJars.size(), added, added / 1048576.0, jar.getFileName(), Files.size(jar), alreadyShipped, ours);
    System.out.printf(Locale.ROOT, "%-6s %18s %18s%n", "median", "CPU to signed", "signing call");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      System.out.printf(Locale.ROOT, "%-6s %15.1f ms %15.2f ms%n", entry.getKey(), Runs.median(entry.getValue(), 0), Runs.median(entry.getValue(), 1));
    }
    double cpuAdded = Runs.median(results.get("sdk"), 0) - Runs.median(results.get("ours"), 0);
    System.out.printf(Locale.ROOT, "the SDK's signer costs +%.1f ms CPU on demand and +%.2f MiB of jar (adopt if under 50 ms and 1 MiB: %s)%n",
        cpuAdded, added / 1048576.0, cpuAdded < 50 && added < 1048576 ? "adopt" : "keep ours");
    System.out.println("identical Authorization headers: " + authorization[0].replaceAll("Signature=.*", "Signature=..."));
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

  /** One fresh JVM: {CPU ms, signing call ms}. */
  private static double[] probe(String java, String classpath, String signer, String[] authorization, int slot) throws Exception {
    Process process = new ProcessBuilder(java, "-cp", classpath, SignerProbe.class.getName(), signer)
        .redirectErrorStream(true).start();
    Matcher cpu = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher m = CPU.matcher(line);
        if (m.matches()) cpu = m;
        Matcher a = AUTHORIZATION.matcher(line);
        if (a.matches()) authorization[slot] = a.group(1);
        output.append(line).append('\n');
      }
    }
    if (process.waitFor() != 0 || cpu == null) throw new IllegalStateException(signer + " failed:\n" + output);
    return new double[] {Double.parseDouble(cpu.group(1)), Double.parseDouble(cpu.group(2))};
  }
}
