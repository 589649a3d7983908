package dev.vodauth.fc.bench;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The baseline: the least an FC stream handler can do to answer an HTTP trigger with a struct. */
public final class HelloStreamHandler implements StreamRequestHandler {
  private static final byte[] ANSWER =
      "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},\"isBase64Encoded\":false,\"body\":\"hello\"}"
          .getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    output.write(ANSWER);
  }
}
