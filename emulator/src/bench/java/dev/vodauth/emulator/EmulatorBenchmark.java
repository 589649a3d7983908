package dev.vodauth.emulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput benchmark (a main, not a test): N keep-alive clients each send signed GetVideoPlayAuth calls as fast
 * as answers come back. After {@code mvn -pl emulator test-compile}, run from the project root:
 * {@code java -cp emulator/target/classes:emulator/target/test-classes dev.vodauth.emulator.EmulatorBenchmark 32 5}.
 */
public final class EmulatorBenchmark {
  private EmulatorBenchmark() {}

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 32;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    try (VodEmulator emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start()) {
      RpcTestClient signer = new RpcTestClient(emulator);
      AtomicLong ok = new AtomicLong();
      AtomicLong failed = new AtomicLong();
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        Thread thread = new Thread(() -> run(emulator, signer, deadline, ok, failed));
        threads.add(thread);
        thread.start();
      }
      for (Thread thread : threads) {
        thread.join();
      }
      System.out.printf("%d clients, %d s: %d ok, %d failed, %.0f requests/s%n", clients, seconds, ok.get(),
          failed.get(), ok.get() / (double) seconds);
    }
  }

  private static void run(VodEmulator emulator, RpcTestClient signer, long deadline, AtomicLong ok,
      AtomicLong failed) {
    try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
      socket.setTcpNoDelay(true);
      OutputStream out = socket.getOutputStream();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      while (System.nanoTime() < deadline) {
        String query = RpcTestClient.form(signer.sign("GET", signer.params("GetVideoPlayAuth", "VideoId",
            DemoCatalogue.PLAYABLE)));
        out.write(("GET /?" + query + " HTTP/1.1\r\nHost: bench\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        if (readResponse(in) == 200) {
          ok.incrementAndGet();
        } else {
          failed.incrementAndGet();
        }
      }
    } catch (IOException e) {
      failed.incrementAndGet();
    }
  }

  private static int readResponse(InputStream in) throws IOException {
    String status = line(in);
    int length = 0;
    for (String header = line(in); !header.isEmpty(); header = line(in)) {
      if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        length = Integer.parseInt(header.substring(15).trim());
      }
    }
    for (int i = 0; i < length; i++) {
      if (in.read() < 0) {
        throw new IOException("short body");
      }
    }
    return Integer.parseInt(status.substring(9, 12));
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
