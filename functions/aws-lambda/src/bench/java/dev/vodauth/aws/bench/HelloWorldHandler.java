package dev.vodauth.aws.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The baseline of the cold-start benchmark: a function URL answer with no library at all. */
public final class HelloWorldHandler implements RequestStreamHandler {
  private static final byte[] ANSWER = ("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},"
      + "\"body\":\"hello\",\"isBase64Encoded\":false}").getBytes(StandardCharsets.UTF_8);

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
    input.readAllBytes();
    output.write(ANSWER);
  }
}
