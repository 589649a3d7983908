package dev.vodauth.local.bench;

import dev.vodauth.local.LocalRunner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The local runner as a child JVM ({@code java -jar vod-auth-local.jar --port 0}), its output drained. */
final class RunnerProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

  private final Process process;
  private final long startedNanos;
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final AtomicLong lines = new AtomicLong();
  private volatile long listeningNanos;

  private RunnerProcess(Process process, long startedNanos) {
    this.process = process;
    this.startedNanos = startedNanos;
    Thread drain = new Thread(this::drain, "runner-output");
    drain.setDaemon(true);
    drain.start();
  }

  /** Starts the runner with the environment this JVM has, minus any VOD keys (so: on its embedded emulator). */
  static RunnerProcess start(Map<String, String> extraEnv) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions());
    command.addAll(List.of("-jar", runnerJar().toString(), "--port", "0"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
    builder.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    builder.environment().putAll(extraEnv);
    builder.redirectErrorStream(true);
    long started = System.nanoTime();
    return new RunnerProcess(builder.start(), started);
  }

  /** Any command that prints the runner's banner line ({@code listening on http://127.0.0.1:PORT}). */
  static RunnerProcess start(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
    builder.environment().remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    builder.redirectErrorStream(true);
    long started = System.nanoTime();
    return new RunnerProcess(builder.start(), started);
  }

  /** JVM options for the runner, from {@code -Dbench.runnerJvmOptions="-Xmx256m ..."}; none by default. */
  static List<String> jvmOptions() {
    String options = System.getProperty("bench.runnerJvmOptions", "").trim();
    return options.isEmpty() ? List.of() : Arrays.asList(options.split("\\s+"));
  }

  /** The executable jar this benchmark runs from ({@code functions/local/target/vod-auth-local.jar}). */
  static Path runnerJar() {
    try {
      Path jar = Paths.get(LocalRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException("LocalRunner was loaded from " + jar + ", not from vod-auth-local.jar: put the"
            + " jar first on the class path (see BENCHMARKS.md)");
      }
      return jar;
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void drain() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        lines.incrementAndGet();
        if (!port.isDone()) {
          Matcher m = LISTENING.matcher(line);
          if (m.find()) {
            listeningNanos = System.nanoTime();
            port.complete(Integer.parseInt(m.group(1)));
          } else if (lines.get() < 50 && !line.startsWith("  ")) {
            System.err.println("runner: " + line);
          }
        }
      }
    } catch (IOException e) {
      // The child went away; port() reports it.
    }
    port.completeExceptionally(new IllegalStateException("the runner exited before listening"));
  }

  /** Waits for the banner and returns the port it names. */
  int port() throws Exception {
    return port.get(60, TimeUnit.SECONDS);
  }

  long startedNanos() {
    return startedNanos;
  }

  long listeningNanos() {
    return listeningNanos;
  }

  long pid() {
    return process.pid();
  }

  /** Output lines so far (banner plus one log line per call at LOG_LEVEL=INFO). */
  long lines() {
    return lines.get();
  }

  /** A field of /proc/PID/status in kB (VmHWM: peak resident set; VmRSS: current). */
  long procStatusKb(String field) throws IOException {
    List<String> status = Files.readAllLines(Paths.get("/proc/" + pid() + "/status"));
    for (String line : status) {
      if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
    throw new IllegalStateException(field + " not in /proc/" + pid() + "/status");
  }

  /** SIGTERM, as Ctrl-C: the runner's shutdown hook stops it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
