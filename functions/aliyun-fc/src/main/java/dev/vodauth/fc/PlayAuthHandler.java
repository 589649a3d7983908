package dev.vodauth.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.vod.VodOperation;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The play-auth function on Function Compute 3.0: HTTP trigger events and direct invocations in,
 * GetVideoPlayAuth's answer out. Handler {@code dev.vodauth.fc.PlayAuthHandler::handleRequest},
 * initializer {@code dev.vodauth.fc.PlayAuthHandler::initialize}.
 *
 * <p>Thread-safe: FC calls one instance from many threads at once ({@code instanceConcurrency}).
 */
public final class PlayAuthHandler implements StreamRequestHandler, FunctionInitializer {
  private final FcAdapter adapter;
  private final boolean primeOnInitialize;

  /** The constructor FC calls: the instance's functions, built once from the environment. */
  public PlayAuthHandler() {
    this(FcContainer.functions(), FcContainer.primesOnInitialize());
  }

  PlayAuthHandler(VodFunctions functions) {
    this(functions, false);
  }

  PlayAuthHandler(VodFunctions functions, boolean primeOnInitialize) {
    this.adapter = new FcAdapter(functions, VodOperation.PLAY_AUTH);
    this.primeOnInitialize = primeOnInitialize;
  }

  /** Primes the request path only where {@link InitializerPriming} says so (provisioned instances). */
  @Override
  public void initialize(Context context) {
    if (primeOnInitialize) adapter.initialize();
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
    adapter.handle(input, output, context);
  }
}
