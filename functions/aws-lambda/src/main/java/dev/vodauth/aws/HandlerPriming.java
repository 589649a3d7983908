package dev.vodauth.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.priming.Priming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * The Lambda part of priming: every function's router answers a function URL event, and an
 * EventBridge event where the operation takes them, through functions that the shared core's
 * priming points at a stand-in of VOD on a loopback socket ({@link Priming}). No VOD call, no real key.
 */
final class HandlerPriming {
  private static final String RESOURCES = "/dev/vodauth/aws/priming/";
  private static final byte[] FUNCTION_URL_GET = resource("function-url-get.json");
  private static final byte[] EVENTBRIDGE = resource("eventbridge.json");
  private static final ObjectMapper WARN_JSON = new ObjectMapper();

  private HandlerPriming() {}

  /** Primes the container's functions {@code rounds} times, with the handlers' translation. */
  static void prime(VodFunctions functions, int rounds) {
    Priming.prime(functions, rounds, HandlerPriming::invokeHandlers);
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
    for (VodFunction function : twin.all()) {
      EventRouter router = FunctionHandler.router(function, twin);
      invoke(router, FUNCTION_URL_GET);
      if (function.operation().takesPipelineEvents()) invoke(router, EVENTBRIDGE);
    }
  }

  private static void invoke(EventRouter router, byte[] event) {
    try {
      router.route(new ByteArrayInputStream(event), new ByteArrayOutputStream(), PrimingContext.INSTANCE);
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
