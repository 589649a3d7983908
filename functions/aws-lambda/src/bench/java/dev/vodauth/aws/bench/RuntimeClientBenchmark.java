package dev.vodauth.aws.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vodauth.emulator.VodEmulator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Cold start on demand as Lambda's managed java21 runtime runs a function: a fresh JVM with the
 * runtime's own flags runs AWS's runtime interface client ({@code aws-lambda-java-runtime-interface-client},
 * the {@code AWSLambda} main Lambda starts), which loads the handler class, constructs it, asks a
 * stand-in of the Lambda Runtime API on loopback for the next event (the function URL event
 * {@code events/v2/get.json}), invokes the handler and posts its answer. Timed from the spawn to
 * the answer's arrival at the stand-in, with the child's CPU time read from {@code /proc/<pid>/stat}
 * at that moment. Rows, spawned in turn each round: a hello-world handler, PlayAuthHandler (this
 * build's jar) and, with {@code -Dbench.jars=label=path,...}, PlayAuthHandler from other builds of
 * the jar; and the floor ({@code dev.vodauth.bench.FloorProbe}, no runtime client: the least code
 * making the same call) for the ratio to it.
 *
 * <p>Arguments: {@code [runs (default 7)]}. Properties: {@code bench.java}; {@code bench.jvmOptions}
 * (default: Lambda java21's, below); {@code bench.classes=true} also counts, per JVM, the classes
 * loaded before the runtime client asks for the second event (just after the first answer) with
 * {@code -Xlog:class+load}. Needs {@code mvn package} of this module first (the shaded jar and the
 * shared module's test classes).
 */
public final class RuntimeClientBenchmark {
  /** Lambda java21's JVM flags (its bootstrap), less its CDS archive of the JDK and its JNI path. */
  static final String LAMBDA_JAVA21_FLAGS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
      + " -XX:MaxHeapSize=445645k --add-opens=java.base/java.io=ALL-UNNAMED -Djava.net.preferIPv4Stack=true"
      + " -XX:+ErrorFileToStderr";
  private static final String EVENT = "events/v2/get.json";
  private static final String PLAYABLE = "5aa0bbf5e8a84c7fb7a3a0f5c1d20001"; // the event's VideoId, in the demo catalogue
  private static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

  private RuntimeClientBenchmark() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Path testClasses = Runs.testClasses(RuntimeClientBenchmark.class);
    Path jar = Runs.functionJar(testClasses);
    Path sharedTestClasses = testClasses.getParent().getParent().getParent().getParent().resolve("shared/target/test-classes");
    String java = System.getProperty("bench.java", ProcessHandle.current().info().command().orElse("java"));
    List<String> jvmOptions = Runs.options(System.getProperty("bench.jvmOptions", LAMBDA_JAVA21_FLAGS));
    boolean countClasses = Boolean.getBoolean("bench.classes");
    // What Lambda's runtime puts on the class path before the function's code.
    String runtime = String.join(File.pathSeparator, jarOf(RUNTIME_CLIENT_MAIN),
        jarOf("com.amazonaws.services.lambda.runtime.serialization.PojoSerializer"),
        jarOf("com.amazonaws.services.lambda.runtime.Context"), jarOf("software.amazon.awssdk.utilslite.SdkInternalThreadLocal"));
    byte[] event;
    try (InputStream in = RuntimeClientBenchmark.class.getResourceAsStream("/" + EVENT)) {
      event = in.readAllBytes();
    }

    Map<String, List<double[]>> results = new LinkedHashMap<>();
    Map<String, Spawn> rows = new LinkedHashMap<>();
    rows.put("hello-world", new Spawn(List.of("-cp", runtime + File.pathSeparator + testClasses, RUNTIME_CLIENT_MAIN,
        HelloWorldHandler.class.getName() + "::handleRequest"), true));
    rows.put("floor (no runtime client)", new Spawn(List.of("-cp", jar + File.pathSeparator + sharedTestClasses,
        "dev.vodauth.bench.FloorProbe", PLAYABLE, "1"), false));
    rows.put("play-auth on demand", new Spawn(List.of("-cp", runtime + File.pathSeparator + jar, RUNTIME_CLIENT_MAIN,
        "dev.vodauth.aws.PlayAuthHandler::handleRequest"), true));
    for (String entry : System.getProperty("bench.jars", "").split(",")) {
      if (entry.isBlank()) continue;
      String[] labelAndPath = entry.split("=", 2);
      rows.put("play-auth on demand " + labelAndPath[0], new Spawn(List.of("-cp",
          runtime + File.pathSeparator + Path.of(labelAndPath[1]).toAbsolutePath(), RUNTIME_CLIENT_MAIN,
          "dev.vodauth.aws.PlayAuthHandler::handleRequest"), true));
    }
    for (String name : rows.keySet()) results.put(name, new ArrayList<>());

    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue().withDefaultAccount()) {
      rows.get("play-auth on demand").run(java, jvmOptions, emulator, event, null); // discarded: the OS's file cache
      for (int run = 1; run <= runs; run++) {
        StringBuilder line = new StringBuilder("round " + run + ":");
        for (Map.Entry<String, Spawn> row : rows.entrySet()) {
          Path classLog = countClasses ? Files.createTempFile("ric-classes", ".log") : null;
          double[] result = row.getValue().run(java, jvmOptions, emulator, event, classLog);
          results.get(row.getKey()).add(result);
          line.append(String.format(Locale.ROOT, " %s %.0f ms;", row.getKey(), result[0]));
          if (classLog != null) Files.deleteIfExists(classLog);
        }
        System.out.println(line);
      }
    }

    System.out.printf(Locale.ROOT, "java: %s %s, %d rounds of fresh JVMs (interleaved); jar %s, %.2f MiB%n",
        java, String.join(" ", jvmOptions), runs, jar.getFileName(), Files.size(jar) / 1048576.0);
    System.out.printf(Locale.ROOT, "load average at the end: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
    double helloWall = Runs.median(results.get("hello-world"), 0);
    double helloCpu = Runs.median(results.get("hello-world"), 1);
    double floorWall = Runs.median(results.get("floor (no runtime client)"), 0);
    double floorCpu = Runs.median(results.get("floor (no runtime client)"), 1);
    System.out.printf(Locale.ROOT, "%-32s %9s %8s %8s %9s %8s %8s %8s%n", "medians", "to answer", "x hello", "x floor",
        "CPU", "x hello", "x floor", "classes");
    for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
      List<double[]> r = entry.getValue();
      double wall = Runs.median(r, 0);
      double cpu = Runs.median(r, 1);
      double classes = Runs.median(r, 2);
      System.out.printf(Locale.ROOT, "%-32s %6.0f ms %7.2fx %7.2fx %6.0f ms %7.2fx %7.2fx %8s%n", entry.getKey(), wall,
          wall / helloWall, wall / floorWall, cpu, cpu / helloCpu, cpu / floorCpu,
          classes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", classes));
    }
    System.out.println("to answer: spawn to the answer's arrival at the Runtime API stand-in (the floor: to its first answer),"
        + " wall clock; CPU: the child's CPU time (all threads, /proc/<pid>/stat, 10 ms ticks) then; classes: loaded before"
        + " the runtime client asked for the next event (the floor: all it loaded).");
  }

  /** One row's JVM: its arguments after the JVM options, and whether it runs under the runtime client. */
  private static final class Spawn {
    final List<String> arguments;
    final boolean underRuntimeClient;

    Spawn(List<String> arguments, boolean underRuntimeClient) {
      this.arguments = arguments;
      this.underRuntimeClient = underRuntimeClient;
    }

    /** {ms from spawn to the answer, CPU ms of the child then, classes loaded before it asked for more (or -1)}. */
    double[] run(String java, List<String> jvmOptions, VodEmulator emulator, byte[] event, Path classLog) throws Exception {
      List<String> command = new ArrayList<>(List.of(java));
      command.addAll(jvmOptions);
      if (classLog != null) command.add("-Xlog:class+load:file=" + classLog);
      command.addAll(arguments);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("VOD_") || name.startsWith("JAVA_TOOL"));
      env.put("VOD_ENDPOINT", emulator.endpoint());
      env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", VodEmulator.EMULATOR_ACCESS_KEY_ID);
      env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
      env.put("LOG_LEVEL", "INFO");
      env.put("AWS_LAMBDA_FUNCTION_NAME", "vod-play-auth");
      env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
      env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
      env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
      env.put("AWS_REGION", "us-east-1");
      env.put("TZ", ":UTC");
      try (RuntimeApiStandIn api = underRuntimeClient ? RuntimeApiStandIn.start(event) : null) {
        if (api != null) env.put("AWS_LAMBDA_RUNTIME_API", api.address());
        long spawned = System.nanoTime();
        Process process = builder.start();
        StringBuilder output = new StringBuilder();
        long[] firstLineAt = {-1};
        CompletableFuture<Void> drained = CompletableFuture.runAsync(() -> drain(process.getInputStream(), output, firstLineAt));
        double wall;
        double cpu;
        if (api != null) {
          if (!api.answered.await(120, TimeUnit.SECONDS)) throw new IllegalStateException("no answer:\n" + output);
          wall = (api.answeredAt - spawned) / 1_000_000.0;
          if (!api.answer.contains("\"statusCode\":200")) {
            process.waitFor(30, TimeUnit.SECONDS);
            drained.get(30, TimeUnit.SECONDS);
            throw new IllegalStateException("not a 200: " + api.answer + "\n" + output);
          }
          cpu = cpuMillis(process.pid());
          // The runtime client asks for the next event (where Lambda would freeze it); stop it then, or when it has exited.
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (!api.askedAgain.await(50, TimeUnit.MILLISECONDS) && process.isAlive() && System.nanoTime() < deadline) {
            // waiting
          }
          if (api.askedAgain.getCount() > 0) {
            process.waitFor(5, TimeUnit.SECONDS);
            System.out.println("  note: the runtime client did not ask for a second event (exit " + (process.isAlive() ? "-" : process.exitValue())
                + "): " + tail(output));
          }
          process.destroy();
          process.waitFor(30, TimeUnit.SECONDS);
        } else {
          if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) throw new IllegalStateException("floor failed:\n" + output);
          drained.join();
          if (firstLineAt[0] < 0) throw new IllegalStateException("no PROBE first line:\n" + output);
          wall = (firstLineAt[0] - spawned) / 1_000_000.0;
          cpu = probeCpu(output);
        }
        drained.get(30, TimeUnit.SECONDS);
        double classes = classLog == null ? -1 : countLines(classLog);
        return new double[] {wall, cpu, classes};
      }
    }
  }

  /** Reads the child's output; notes when the floor's {@code PROBE first} line (its first answer) arrives. */
  private static void drain(InputStream in, StringBuilder output, long[] firstLineAt) {
    try (java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.equals("PROBE first") && firstLineAt[0] < 0) firstLineAt[0] = System.nanoTime();
        synchronized (output) {
          output.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  private static String tail(StringBuilder output) {
    synchronized (output) {
      return output.substring(Math.max(0, output.length() - 400)).replace('\n', ' ');
    }
  }

  private static double probeCpu(StringBuilder output) {
    for (String line : output.toString().split("\n")) {
      if (line.startsWith("PROBE cpu=")) return Double.parseDouble(line.substring(10));
    }
    throw new IllegalStateException("no PROBE cpu line:\n" + output);
  }

  private static int countLines(Path log) throws IOException {
    int count = 0;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      if (line.contains(" source: ")) count++;
    }
    return count;
  }

  /** utime + stime of a process, all its threads, in ms (USER_HZ is 100 on Linux). */
  static double cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
  }

  private static String jarOf(String className) throws ClassNotFoundException, URISyntaxException {
    return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /**
   * The Lambda Runtime API as far as one invocation needs it: the first {@code next} gets the
   * event, the answer is recorded with its arrival time, a second {@code next} is held (the
   * environment would be frozen there) until the JVM is stopped.
   */
  static final class RuntimeApiStandIn implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";
    private final HttpServer server;
    private final byte[] event;
    private final CountDownLatch answered = new CountDownLatch(1);
    private final CountDownLatch askedAgain = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile long answeredAt;
    private volatile String answer = "";
    private int nexts;

    private RuntimeApiStandIn(HttpServer server, byte[] event) {
      this.server = server;
      this.event = event;
    }

    static RuntimeApiStandIn start(byte[] event) throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      RuntimeApiStandIn api = new RuntimeApiStandIn(server, event);
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
      }));
      server.createContext(PREFIX, api::handle);
      server.start();
      return api;
    }

    String address() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
      String path = exchange.getRequestURI().getPath();
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (path.endsWith("/invocation/next")) {
        boolean first;
        synchronized (this) {
          first = nexts++ == 0;
        }
        if (!first) {
          askedAgain.countDown();
          try {
            stopped.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
          return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 10_000));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:vod-play-auth");
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=0");
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, event);
      } else if (path.endsWith("/response")) {
        answeredAt = System.nanoTime();
        answer = new String(body, StandardCharsets.UTF_8);
        reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        answered.countDown();
      } else {
        answer = path + " " + new String(body, StandardCharsets.UTF_8); // init or invocation error
        answeredAt = System.nanoTime();
        reply(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
        answered.countDown();
      }
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }

    @Override
    public void close() {
      stopped.countDown();
      server.stop(0);
    }
  }
}
