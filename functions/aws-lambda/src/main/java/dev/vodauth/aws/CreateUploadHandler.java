package dev.vodauth.aws;

import dev.vodauth.operation.CreateUpload;

/** The create-upload Lambda function ({@code CreateUploadVideo}). */
public final class CreateUploadHandler extends FunctionHandler {
  public CreateUploadHandler() {
    super(CreateUpload.NAME);
  }
}
