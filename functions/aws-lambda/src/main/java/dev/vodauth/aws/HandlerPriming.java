package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vodauth.function.VodFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Lambda part of priming: both handlers answer a function URL event and an EventBridge event,
 * through functions that the shared core's priming points at a stand-in of VOD on a loopback
 * socket ({@link VodFunctions#prime(int, java.util.function.Consumer)}). No VOD call, no real key.
 */
final class HandlerPriming {
  private static final String RESOURCES = "/dev/vodauth/aws/priming/";
  private static final byte[] FUNCTION_URL_GET = resource("function-url-get.json");
  private static final byte[] EVENTBRIDGE = resource("eventbridge.json");

  private HandlerPriming() {}

  /** Primes the container's functions {@code rounds} times, with the handlers' translation. */
  static void prime(VodFunctions functions, int rounds) {
    functions.prime(rounds, HandlerPriming::invokeHandlers);
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
