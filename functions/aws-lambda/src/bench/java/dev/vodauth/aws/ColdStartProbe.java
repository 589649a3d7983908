package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One fresh JVM of the cold-start benchmark: loads a handler as Lambda's runtime does (class,
 * then constructor: the init phase), invokes it with a function URL event, then warm.
 * Prints {@code PROBE first} the moment the first answer exists, then one result line.
 *
 * <p>Mode {@code init-priming} builds PlayAuthHandler's container and runs one priming round in
 * init before the first invocation (a lever the benchmark measures; the handler does not do it).
 *
 * <p>Mode {@code snapstart} runs the SnapStart hooks (beforeCheckpoint, afterRestore) after the
 * constructor, as publishing a version does before its snapshot: the first invocation then
 * starts from the state a restored environment has (less the restore itself, which needs Lambda).
 */
public final class ColdStartProbe {
  private ColdStartProbe() {}

  public static void main(String[] args) throws Exception {
    String handlerClass = args[0];
    int warmInvocations = Integer.parseInt(args[2]);
    boolean snapStart = args.length > 3 && args[3].equals("snapstart");
    boolean withInitPriming = args.length > 3 && args[3].equals("init-priming");
    byte[] event;
    try (InputStream in = ColdStartProbe.class.getResourceAsStream("/" + args[1])) {
      event = in.readAllBytes();
    }
    // The handler's own log lines go to stdout too; the parent reads only PROBE lines.
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");

    // The probe's own scaffolding runs once before anything is timed.
    invoke(new RequestStreamHandler() {
      @Override
      public void handleRequest(InputStream input, java.io.OutputStream output, Context context) {}
    }, event);

    long start = System.nanoTime();
    RequestStreamHandler handler;
    if (withInitPriming) {
      // The lever that did not pay: one priming round in init, before the first invocation.
      LambdaContainer container = LambdaContainer.create(System.getenv(), java.time.Clock.systemUTC(), out::println);
      HandlerPriming.tryPriming(() -> HandlerPriming.prime(container.functions(), 1), "init", out::println);
      handler = new PlayAuthHandler(container.functions());
    } else {
      handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
    }
    if (snapStart && handler.getClass().getPackage().getName().equals("dev.vodauth.aws")) {
      LambdaContainer.instance().hooks().beforeCheckpoint(null);
      LambdaContainer.instance().hooks().afterRestore(null);
    }
    long initialized = System.nanoTime();
    String first = invoke(handler, event);
    long answered = System.nanoTime();
    out.println("PROBE first");
    out.println("PROBE cpu=" + cpuMillis());
    if (!first.contains("\"statusCode\":200")) throw new IllegalStateException("first answer is not 200: " + first);

    long[] warm = new long[warmInvocations];
    for (int i = 0; i < warmInvocations; i++) {
      long t = System.nanoTime();
      invoke(handler, event);
      warm[i] = System.nanoTime() - t;
    }
    // The median of the second half: the JIT has had the first half to settle.
    long[] settled = Arrays.copyOfRange(warm, warmInvocations / 2, warmInvocations);
    Arrays.sort(settled);
    out.printf(java.util.Locale.ROOT, "PROBE result init=%.3f first=%.3f warm=%.3f%n",
        millis(initialized - start), millis(answered - initialized), millis(settled[settled.length / 2]));
  }

  /** CPU time this process has used so far, all threads (utime + stime of /proc/self/stat), or -1. */
  public static double cpuMillis() {
    try (java.io.FileInputStream in = new java.io.FileInputStream("/proc/self/stat")) {
      String stat = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // USER_HZ is 100 on Linux
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String invoke(RequestStreamHandler handler, byte[] event) throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), output, new ProbeContext());
    return output.toString(StandardCharsets.UTF_8);
  }

  private static double millis(long nanos) {
    return nanos / 1_000_000.0;
  }

  /** The little of a Lambda Context the handlers read. */
  private static final class ProbeContext implements Context {
    // No string concatenation here: its first use bootstraps invokedynamic (milliseconds), which
    // would be charged to whichever handler is measured first.
    private final String requestId = java.util.UUID.randomUUID().toString();

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "probe";
    }

    @Override
    public String getLogStreamName() {
      return "probe";
    }

    @Override
    public String getFunctionName() {
      return "probe";
    }

    @Override
    public String getFunctionVersion() {
      return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "probe";
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return null;
    }
  }
}
