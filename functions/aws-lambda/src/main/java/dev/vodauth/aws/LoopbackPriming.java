package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.function.VodFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs one request of each handler through the whole stack, HTTP to "VOD" included, against a
 * stand-in of VOD on a loopback socket, with made-up keys: the SDK's HTTP client, the socket and
 * response-reading classes load in init instead of in the first invocation. No VOD call, no real
 * key, nothing open afterwards. The SDK's HTTP client is a process-wide singleton, so the
 * container's client is primed too.
 */
final class LoopbackPriming {
  private static final String RESOURCES = "/dev/vodauth/aws/priming/";

  private LoopbackPriming() {}

  /**
   * Primes with {@code rounds} invocations of each kind: one loads the classes; many let the JIT
   * compile the request path too, worth it before a SnapStart snapshot, which keeps the compiled
   * code. Run after the container's own VOD client is built (the SDK keeps the first client's settings).
   */
  static void run(int rounds) {
    try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
      Thread stub = new Thread(() -> serve(server), "vod-priming-stub");
      stub.setDaemon(true);
      stub.start();
      Map<String, String> environment = new HashMap<>();
      environment.put(Config.VOD_ENDPOINT, "127.0.0.1:" + server.getLocalPort());
      environment.put(Config.LOG_LEVEL, "OFF");
      environment.put(Config.VOD_MAX_RETRIES, "0");
      environment.put(EnvironmentCredentials.ACCESS_KEY_ID, "prime-key-id");
      environment.put(EnvironmentCredentials.ACCESS_KEY_SECRET, "prime-key-secret");
      VodFunctions primer = LambdaContainer.create(environment, Clock.systemUTC(), line -> {}).functions();
      PlayAuthHandler playAuth = new PlayAuthHandler(primer);
      RefreshUploadHandler refreshUpload = new RefreshUploadHandler(primer);
      for (int round = 0; round < rounds; round++) {
        invoke(playAuth, "function-url-get.json");
        invoke(refreshUpload, "function-url-get.json");
        invoke(refreshUpload, "eventbridge.json");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("priming over loopback failed", e);
    }
  }

  private static void invoke(RequestStreamHandler handler, String event) throws IOException {
    handler.handleRequest(new ByteArrayInputStream(resource(event)), new ByteArrayOutputStream(), PrimingContext.INSTANCE);
  }

  /** Answers each request with the canned success of the Action it names, then closes the connection. */
  private static void serve(ServerSocket server) {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        String head = readHead(socket.getInputStream());
        String action = head.contains("Action=RefreshUploadVideo") ? "RefreshUploadVideo" : "GetVideoPlayAuth";
        byte[] body = resource(action + ".json");
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: " + body.length
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (IOException closedOrReset) {
        return; // the server socket closed: priming is over
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int matched = 0;
    for (int b = in.read(); b >= 0; b = in.read()) {
      head.append((char) b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
      if (matched == 4) break; // \r\n\r\n: the request has no body (the SDK sends RPC parameters in the query)
    }
    return head.toString();
  }

  private static byte[] resource(String name) {
    try (InputStream in = LoopbackPriming.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) throw new IllegalStateException("missing priming resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
