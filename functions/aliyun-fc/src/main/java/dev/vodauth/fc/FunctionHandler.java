package dev.vodauth.fc;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import dev.vodauth.function.VodFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One function on Function Compute 3.0: HTTP trigger events, event deliveries and direct
 * invocations in, its operation's answer out. A subclass only names its operation, so each
 * function's {@code handler} and {@code initializer} in s.yaml say which operation it serves.
 *
 * <p>Thread-safe: FC calls one instance from many threads at once ({@code instanceConcurrency}).
 */
public abstract class FunctionHandler implements StreamRequestHandler, FunctionInitializer {
  private final FcAdapter adapter;
  private final boolean primeOnInitialize;

  /** The constructor FC calls: the instance's functions, built once from the environment. */
  protected FunctionHandler(String functionName) {
    this(FcContainer.functions(), functionName, FcContainer.primesOnInitialize());
  }

  FunctionHandler(VodFunctions functions, String functionName) {
    this(functions, functionName, false);
  }

  FunctionHandler(VodFunctions functions, String functionName, boolean primeOnInitialize) {
    this.adapter = new FcAdapter(functions, functionName);
    this.primeOnInitialize = primeOnInitialize;
  }

  /** Primes the request path only where {@link InitializerPriming} says so (provisioned instances). */
  @Override
  public final void initialize(Context context) {
    if (primeOnInitialize) adapter.initialize();
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    adapter.handle(input, output, context);
  }
}
