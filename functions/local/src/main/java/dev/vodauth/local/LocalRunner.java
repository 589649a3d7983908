package dev.vodauth.local;

import dev.vodauth.config.Config;
import java.io.IOException;
import java.net.BindException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Runs both functions over HTTP on 127.0.0.1, against the real VOD when the environment holds
 * keys and against the embedded emulator otherwise, until Ctrl-C.
 */
public final class LocalRunner implements AutoCloseable {
  private final VodBackend backend;
  private final LocalHttpServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalRunner(VodBackend backend, LocalHttpServer server) {
    this.backend = backend;
    this.server = server;
  }

  /**
   * Starts the backend this environment asks for, then the HTTP server.
   *
   * @param port 0 for an ephemeral port
   * @param logSink where the invocation log lines go
   */
  static LocalRunner start(Map<String, String> env, int port, Consumer<String> logSink) throws IOException {
    return start(env, port, logSink, LocalHttpServer.Limits.DEFAULT);
  }

  /** The same, with the server's time limits for slow clients (tests shorten them). */
  static LocalRunner start(Map<String, String> env, int port, Consumer<String> logSink, LocalHttpServer.Limits limits)
      throws IOException {
    VodBackend backend = VodBackend.fromEnvironment(env, logSink);
    try {
      return new LocalRunner(backend, LocalHttpServer.start(backend.functions(), port, limits));
    } catch (IOException | RuntimeException e) {
      backend.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  String url() {
    return server.url();
  }

  VodBackend backend() {
    return backend;
  }

  LocalHttpServer server() {
    return server;
  }

  Config config() {
    return backend.functions().config();
  }

  /** Stops the HTTP server, then the emulator, if any; once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) return;
    server.close();
    backend.close();
  }

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.println(Options.USAGE);
      return;
    }
    LocalRunner runner;
    try {
      runner = start(env, options.port(), System.out::println);
    } catch (BindException e) {
      System.err.println("cannot listen on 127.0.0.1:" + options.port() + " (" + e.getMessage()
          + "): pick another port with --port N or PORT, or 0 for any free one");
      System.exit(1);
      return;
    } catch (IOException e) {
      System.err.println("cannot start: " + e.getMessage());
      System.exit(1);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("bad configuration: " + e.getMessage()); // Config's message names the variable
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      runner.close();
      System.out.println("vod-auth local runner stopped.");
      System.out.flush();
      stopped.countDown();
    }, "vod-auth-local-shutdown"));
    Banner.print(System.out, runner);
    try {
      stopped.await(); // the server's threads are daemons: main waits for Ctrl-C
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
