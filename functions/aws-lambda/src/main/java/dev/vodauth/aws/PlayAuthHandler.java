package dev.vodauth.aws;

import dev.vodauth.function.VodFunctions;
import dev.vodauth.operation.PlayAuth;

/** The play-auth Lambda function ({@code GetVideoPlayAuth}). */
public final class PlayAuthHandler extends FunctionHandler {
  public PlayAuthHandler() {
    super(PlayAuth.NAME);
  }

  PlayAuthHandler(VodFunctions functions) {
    super(functions, PlayAuth.NAME);
  }
}
