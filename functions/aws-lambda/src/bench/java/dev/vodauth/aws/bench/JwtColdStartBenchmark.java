package dev.vodauth.aws.bench;

import dev.vodauth.aws.ColdStartProbe;
import dev.vodauth.emulator.VodEmulator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JVM start to the first JWTPlayAuth on Lambda's JVM flags, against hello-world and the classic
 * kind, in fresh JVMs spawned round by round (the same {@link ColdStartProbe} as
 * {@code ColdStartBenchmark}): play-auth with {@code PLAY_AUTH_TYPES=JWT} and the PlayKey in
 * {@code VOD_PLAY_KEY}, answering a function URL event asking for {@code PlayAuthType=JWT}. Then
 * one more JVM of each with {@code -Xlog:class+load}: the classes loaded to the first answer, and
 * how many are the Aliyun SDK's ({@code com.aliyuncs}). Prints medians and ratios.
 *
 * <p>Arguments: {@code [runs (default 7)] [warm invocations per JVM (default 400)]}; system
 * properties {@code bench.java}, {@code bench.jvmOptions} as for {@code ColdStartBenchmark}.
 */
public final class JwtColdStartBenchmark {
  private JwtColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int warm = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    Path testClasses = Path.of(JwtColdStartBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path jar = testClasses.getParent().resolve("vod-auth-aws-lambda.jar");
    if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " missing: run mvn package first");
    String java = System.getProperty("bench.java", ProcessHandle.current().info().command().orElse("java"));
    List<String> jvmOptions = new ArrayList<>();
    for (String o : System.getProperty("bench.jvmOptions", "").trim().split("\\s+")) if (!o.isEmpty()) jvmOptions.add(o);
    String classpath = jar + File.pathSeparator + testClasses;
    Map<String, List<String>> probes = new LinkedHashMap<>();
    probes.put("hello-world", List.of(HelloWorldHandler.class.getName(), "events/v2/get.json"));
    probes.put("play-auth JWT (VOD_PLAY_KEY)", List.of("dev.vodauth.aws.PlayAuthHandler", "events/v2/get-jwt.json"));
    probes.put("play-auth classic", List.of("dev.vodauth.aws.PlayAuthHandler", "events/v2/get.json"));
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    probes.keySet().forEach(name -> results.put(name, new ArrayList<>()));
    Map<String, long[]> classes = new LinkedHashMap<>();
    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue().withDefaultAccount()) {
      probe(java, jvmOptions, classpath, probes.get("play-auth classic"), warm, emulator); // the OS's file cache
      for (int run = 0; run < runs; run++) {
        for (Map.Entry<String, List<String>> p : probes.entrySet()) {
          results.get(p.getKey()).add(probe(java, jvmOptions, classpath, p.getValue(), warm, emulator));
        }
      }
      for (Map.Entry<String, List<String>> p : probes.entrySet()) {
        Path log = Files.createTempFile("class-load", ".txt");
        List<String> logged = new ArrayList<>(jvmOptions);
        logged.add("-Xlog:class+load:file=" + log);
        probe(java, logged, classpath, p.getValue(), 2, emulator);
        List<String> lines = Files.readAllLines(log);
        long all = lines.stream().filter(l -> l.contains(" source: ")).count();
        long sdk = lines.stream().filter(l -> l.contains("] com.aliyuncs.")).count();
        classes.put(p.getKey(), new long[] {all, sdk});
        Files.delete(log);
      }
    }
    System.out.printf(Locale.ROOT, "java: %s %s, %d rounds of fresh JVMs (interleaved), %d warm invocations per JVM; load average %s%n",
        java, String.join(" ", jvmOptions), runs, warm, Files.readString(Path.of("/proc/loadavg")).trim());
    double hello = Runs.median(results.get("hello-world"), 0);
    double helloCpu = Runs.median(results.get("hello-world"), 4);
    System.out.printf(Locale.ROOT, "%-30s %9s %8s %9s %8s %10s %10s %9s %9s %7s%n", "medians", "to answer", "x hello", "CPU", "x hello",
        "init", "first", "warm", "classes", "aliyun");
    for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
      List<double[]> r = e.getValue();
      System.out.printf(Locale.ROOT, "%-30s %6.0f ms %7.2fx %6.0f ms %7.2fx %7.1f ms %7.2f ms %6.3f ms %9d %7d%n", e.getKey(),
          Runs.median(r, 0), Runs.median(r, 0) / hello, Runs.median(r, 4), Runs.median(r, 4) / helloCpu, Runs.median(r, 1), Runs.median(r, 2), Runs.median(r, 3),
          classes.get(e.getKey())[0], classes.get(e.getKey())[1]);
    }
    System.out.println("to answer: spawn to the first answer (wall); CPU: the process's CPU time at its first answer (10 ms ticks);"
        + " classes: loaded to the first answer (-Xlog:class+load, one extra JVM each), aliyun: of them com.aliyuncs.*");
  }

  /** One fresh JVM of {@link ColdStartProbe} answering this handler's event, {@code warm} times warm. */
  private static double[] probe(String java, List<String> jvmOptions, String classpath, List<String> handlerAndEvent, int warm,
      VodEmulator emulator) throws Exception {
    return Runs.probe(java, jvmOptions, classpath, List.of(ColdStartProbe.class.getName(), handlerAndEvent.get(0),
        handlerAndEvent.get(1), Integer.toString(warm), "on-demand"), emulator,
        Map.of("PLAY_AUTH_TYPES", "VOD,JWT", "VOD_PLAY_KEY", "benchPlayKey2026"));
  }
}
