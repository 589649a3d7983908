package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * One function's Lambda handler: function URL, HTTP API and REST API requests, direct invocations
 * with the bare message, and, for an operation that takes them, the upload-retry pipeline's events
 * (EventBridge, a Pipe). A subclass only names its operation, so each function's Handler in
 * template.yml says which operation it serves.
 */
public abstract class FunctionHandler implements RequestStreamHandler {
  private final EventRouter router;

  /** Lambda's constructor: the container's functions, built, primed and hooked into SnapStart once. */
  protected FunctionHandler(String functionName) {
    this(LambdaContainer.instance().functions(), functionName);
  }

  FunctionHandler(VodFunctions functions, String functionName) {
    this.router = router(functions.function(functionName), functions);
  }

  static EventRouter router(VodFunction function, VodFunctions functions) {
    return new EventRouter(function, functions.json(), function.operation().takesPipelineEvents());
  }

  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    router.route(input, output, context);
  }
}
