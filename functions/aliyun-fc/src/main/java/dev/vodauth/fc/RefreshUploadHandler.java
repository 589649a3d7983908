package dev.vodauth.fc;

import dev.vodauth.function.VodFunctions;
import dev.vodauth.operation.RefreshUpload;

/**
 * refresh-upload on FC ({@code RefreshUploadVideo}), upload-retry messages from the MNS queue
 * included: handler {@code dev.vodauth.fc.RefreshUploadHandler::handleRequest}, initializer
 * {@code dev.vodauth.fc.RefreshUploadHandler::initialize}.
 */
public final class RefreshUploadHandler extends FunctionHandler {
  public RefreshUploadHandler() {
    super(RefreshUpload.NAME);
  }

  RefreshUploadHandler(VodFunctions functions) {
    super(functions, RefreshUpload.NAME);
  }

  RefreshUploadHandler(VodFunctions functions, boolean primeOnInitialize) {
    super(functions, RefreshUpload.NAME, primeOnInitialize);
  }
}
