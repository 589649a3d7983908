package dev.vodauth.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** Runs the emulator standalone with the default account and the demo catalogue, until Ctrl-C. */
public final class Main {
  private static final int DEFAULT_PORT = 9000;

  private Main() {}

  public static void main(String[] args) {
    int port = DEFAULT_PORT;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      try {
        if (arg.equals("--port") && i + 1 < args.length) {
          port = Integer.parseInt(args[++i]);
        } else if (arg.startsWith("--port=")) {
          port = Integer.parseInt(arg.substring("--port=".length()));
        } else if (arg.equals("--help") || arg.equals("-h")) {
          usage(System.out);
          return;
        } else {
          usage(System.err);
          System.exit(2);
        }
      } catch (NumberFormatException e) {
        System.err.println("not a port number: " + arg);
        System.exit(2);
      }
    }
    VodEmulator emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue();
    try {
      emulator.start(port);
    } catch (IOException e) {
      System.err.println("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      System.out.println("VOD emulator stopped.");
      stopped.countDown();
    }, "vod-emulator-shutdown"));
    printBanner(System.out, emulator);
    try {
      // Returns once the shutdown hook has closed the emulator.
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void printBanner(PrintStream out, VodEmulator emulator) {
    out.println("VOD emulator (ApsaraVideo VOD RPC API " + VodEmulator.API_VERSION + ") listening.");
    out.println("  endpoint          " + emulator.endpoint());
    out.println("  AccessKeyId       " + VodEmulator.EMULATOR_ACCESS_KEY_ID);
    out.println("  AccessKeySecret   " + VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
    out.println("  signatures        classic RPC (HMAC-SHA1, e.g. @alicloud/pop-core) and V3 (ACS3-HMAC-SHA256, e.g."
        + " @alicloud/openapi-client); plain HTTP");
    out.println("  videos:");
    out.println("    PLAYABLE          " + DemoCatalogue.PLAYABLE + "  Normal: PlayAuth");
    out.println("    NOT_YET_PLAYABLE  " + DemoCatalogue.NOT_YET_PLAYABLE + "  Uploading: Forbidden.IllegalStatus");
    out.println("    BLOCKED           " + DemoCatalogue.BLOCKED + "  Blocked: Forbidden.IllegalStatus");
    out.println("    DAMAGED           " + DemoCatalogue.DAMAGED + "  damaged: InvalidVideo.Damaged on refresh");
    out.println("    UNKNOWN           " + DemoCatalogue.UNKNOWN + "  InvalidVideo.NotFound");
    out.println("Ctrl-C stops it.");
    out.flush();
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar vod-emulator.jar [--port N]   (default port " + DEFAULT_PORT + ", 0 = any free port)");
  }
}
