package dev.vodauth.aws;

import dev.vodauth.function.VodFunctions;
import dev.vodauth.operation.RefreshUpload;

/** The refresh-upload Lambda function ({@code RefreshUploadVideo}): its URL, upload-retry events, direct invocations. */
public final class RefreshUploadHandler extends FunctionHandler {
  public RefreshUploadHandler() {
    super(RefreshUpload.NAME);
  }

  RefreshUploadHandler(VodFunctions functions) {
    super(functions, RefreshUpload.NAME);
  }
}
