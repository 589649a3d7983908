package dev.vodauth.fc;

import dev.vodauth.function.VodFunctions;
import dev.vodauth.operation.PlayAuth;

/**
 * play-auth on FC ({@code GetVideoPlayAuth}): handler {@code dev.vodauth.fc.PlayAuthHandler::handleRequest},
 * initializer {@code dev.vodauth.fc.PlayAuthHandler::initialize}.
 */
public final class PlayAuthHandler extends FunctionHandler {
  public PlayAuthHandler() {
    super(PlayAuth.NAME);
  }

  PlayAuthHandler(VodFunctions functions) {
    super(functions, PlayAuth.NAME);
  }

  PlayAuthHandler(VodFunctions functions, boolean primeOnInitialize) {
    super(functions, PlayAuth.NAME, primeOnInitialize);
  }
}
