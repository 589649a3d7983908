package dev.vodauth.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.vod.VodOperation;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The refresh-upload function on Function Compute 3.0: HTTP trigger events, upload-retry messages
 * from the MNS queue (eventbridge trigger) and direct invocations in, RefreshUploadVideo's answer
 * out. Handler {@code dev.vodauth.fc.RefreshUploadHandler::handleRequest},
 * initializer {@code dev.vodauth.fc.RefreshUploadHandler::initialize}.
 *
 * <p>Thread-safe: FC calls one instance from many threads at once ({@code instanceConcurrency}).
 */
public final class RefreshUploadHandler implements StreamRequestHandler, FunctionInitializer {
  private final FcAdapter adapter;
  private final boolean primeOnInitialize;

  /** The constructor FC calls: the instance's functions, built once from the environment. */
  public RefreshUploadHandler() {
    this(FcContainer.functions(), FcContainer.primesOnInitialize());
  }

  RefreshUploadHandler(VodFunctions functions) {
    this(functions, false);
  }

  RefreshUploadHandler(VodFunctions functions, boolean primeOnInitialize) {
    this.adapter = new FcAdapter(functions, VodOperation.REFRESH_UPLOAD);
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
