package dev.vodauth.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vodauth.function.VodFunctions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The play-auth Lambda function ({@code GetVideoPlayAuth}): function URL, HTTP API and REST API
 * requests, and direct invocations with the bare message.
 */
public final class PlayAuthHandler implements RequestStreamHandler {
  private final EventRouter router;

  /** Lambda's constructor: the container's functions, built, primed and hooked into SnapStart once. */
  public PlayAuthHandler() {
    this(LambdaContainer.instance().functions());
  }

  PlayAuthHandler(VodFunctions functions) {
    this.router = new EventRouter(functions.playAuth(), functions.json(), false);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    router.route(input, output, context);
  }
}
