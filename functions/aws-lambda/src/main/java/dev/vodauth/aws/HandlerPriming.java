package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.function.VodFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The Lambda part of priming: both handlers answer a function URL event and an EventBridge event,
 * through functions that the shared core's priming points at a stand-in of VOD on a loopback
 * socket ({@link VodFunctions#prime(int, java.util.function.Consumer)}). No VOD call, no real key.
 */
final class HandlerPriming {
  private static final String RESOURCES = "/dev/vodauth/aws/priming/";
  private static final byte[] FUNCTION_URL_GET = resource("function-url-get.json");
  private static final byte[] EVENTBRIDGE = resource("eventbridge.json");
  private static final ObjectMapper WARN_JSON = new ObjectMapper();

  private HandlerPriming() {}

  /** Primes the container's functions {@code rounds} times, with the handlers' translation. */
  static void prime(VodFunctions functions, int rounds) {
    functions.prime(rounds, HandlerPriming::invokeHandlers);
  }

  /**
   * Runs {@code priming} and, when it fails, writes one JSON WARN line naming the phase and the
   * exception's class (not its message) instead: priming is an optimisation and must never fail
   * the container's init or its snapshot.
   */
  static boolean tryPriming(Runnable priming, String phase, Consumer<String> warnings) {
    try {
      priming.run();
      return true;
    } catch (RuntimeException e) {
      ObjectNode line = WARN_JSON.createObjectNode()
          .put("level", "WARN")
          .put("message", "priming failed in " + phase + " (" + e.getClass().getName()
              + "); the first invocations pay for class loading and compilation instead");
      warnings.accept(line.toString());
      return false;
    }
  }

  private static void invokeHandlers(VodFunctions twin) {
    PlayAuthHandler playAuth = new PlayAuthHandler(twin);
    RefreshUploadHandler refreshUpload = new RefreshUploadHandler(twin);
    invoke(playAuth, FUNCTION_URL_GET);
    invoke(refreshUpload, FUNCTION_URL_GET);
    invoke(refreshUpload, EVENTBRIDGE);
  }

  private static void invoke(RequestStreamHandler handler, byte[] event) {
    try {
      handler.handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), PrimingContext.INSTANCE);
    } catch (IOException e) {
      throw new UncheckedIOException("priming a handler failed", e);
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = HandlerPriming.class.getResourceAsStream(RESOURCES + name)) {
      if (in == null) throw new IllegalStateException("missing priming resource " + name);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
