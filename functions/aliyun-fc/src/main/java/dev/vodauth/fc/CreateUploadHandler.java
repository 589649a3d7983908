package dev.vodauth.fc;

import dev.vodauth.operation.CreateUpload;

/** create-upload on FC ({@code CreateUploadVideo}): handler {@code ...CreateUploadHandler::handleRequest}, initializer {@code ::initialize}. */
public final class CreateUploadHandler extends FunctionHandler {
  public CreateUploadHandler() {
    super(CreateUpload.NAME);
  }
}
