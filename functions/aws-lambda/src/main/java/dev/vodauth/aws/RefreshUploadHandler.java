package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vodauth.function.VodFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The refresh-upload Lambda function ({@code RefreshUploadVideo}): IAM-signed function URL
 * requests, upload-retry events from EventBridge, and direct invocations.
 */
public final class RefreshUploadHandler implements RequestStreamHandler {
  private final EventRouter router;

  /** Lambda's constructor: the container's functions, built, primed and hooked into SnapStart once. */
  public RefreshUploadHandler() {
    this(LambdaContainer.instance().functions());
  }

  RefreshUploadHandler(VodFunctions functions) {
    this.router = new EventRouter(functions.refreshUpload(), functions.json(), true);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    router.route(input, output, context);
  }
}
