package dev.vodauth.aws.bench;

import dev.vodauth.aws.ColdStartProbe;
import dev.vodauth.emulator.VodEmulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap a Lambda execution environment needs, to size MemorySize: a fresh JVM with Lambda
 * java21's own flags (SerialGC, C1 only) loads play-auth, answers 1,000 function URL requests
 * (against an emulator in this process), under a given -Xmx; its GC log gives the heap in use
 * after each collection. Prints the largest heap after a collection (the live set plus what
 * survived) and the committed heap.
 *
 * <p>Arguments: {@code [-Xmx in MiB (default 64)] [invocations (default 1000)]}.
 */
public final class HeapBenchmark {
  private static final Pattern GC = Pattern.compile("Pause (Young|Full).*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private HeapBenchmark() {}

  public static void main(String[] args) throws Exception {
    int xmx = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int invocations = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path testClasses = Runs.testClasses(HeapBenchmark.class);
    Path jar = Runs.functionJar(testClasses);
    Path gcLog = Files.createTempFile("lambda-heap", ".log");
    String java = ProcessHandle.current().info().command().orElse("java");
    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue().withDefaultAccount()) {
      ProcessBuilder builder = new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx" + xmx + "m",
          "-Xlog:gc:file=" + gcLog, "-cp", jar + File.pathSeparator + testClasses, ColdStartProbe.class.getName(),
          "dev.vodauth.aws.PlayAuthHandler", "events/v2/get.json", Integer.toString(invocations), "snapstart")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().put("VOD_ENDPOINT", emulator.endpoint());
      builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_ID", VodEmulator.EMULATOR_ACCESS_KEY_ID);
      builder.environment().put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
      builder.environment().put("LOG_LEVEL", "OFF");
      builder.environment().remove("VOD_SECRET_ARN");
      int exit = builder.start().waitFor();
      int collections = 0;
      int maxAfter = 0;
      int maxCommitted = 0;
      for (String line : Files.readAllLines(gcLog, StandardCharsets.UTF_8)) {
        Matcher m = GC.matcher(line);
        if (!m.find()) continue;
        collections++;
        maxAfter = Math.max(maxAfter, Integer.parseInt(m.group(3)));
        maxCommitted = Math.max(maxCommitted, Integer.parseInt(m.group(4)));
      }
      System.out.printf(Locale.ROOT, "java %s, -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xmx%dm, play-auth with SnapStart hooks run, "
          + "%d invocations: exit %d, %d collections, largest heap after a collection %d MiB, largest committed heap %d MiB%n",
          System.getProperty("java.version"), xmx, invocations, exit, collections, maxAfter, maxCommitted);
    } finally {
      Files.deleteIfExists(gcLog);
    }
  }
}
