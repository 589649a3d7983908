package dev.vodauth.aws;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Parameters and Secrets extension's localhost endpoint: answers
 * {@code GET /secretsmanager/get?secretId=...} with GetSecretValue's JSON when the token matches.
 */
final class ExtensionStandIn implements AutoCloseable {
  static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/keys-AbCdEf";
  static final String SESSION_TOKEN = "aws-session-token-do-not-leak";

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger hits = new AtomicInteger();
  private volatile String secretString;
  private volatile int status = 200;
  private volatile String lastSecretId;

  ExtensionStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/secretsmanager/get", this::answer);
    server.start();
  }

  /** The secret's content from now on (the test's rotation). */
  ExtensionStandIn serve(String accessKeyId, String accessKeySecret) {
    ObjectNode keys = json.createObjectNode().put("AccessKeyId", accessKeyId).put("AccessKeySecret", accessKeySecret);
    return serveSecretString(keys.toString());
  }

  ExtensionStandIn serveSecretString(String content) {
    this.secretString = content;
    return this;
  }

  /** Answers this status with no secret, as the extension does for a missing or forbidden secret. */
  ExtensionStandIn failWith(int httpStatus) {
    this.status = httpStatus;
    return this;
  }

  int port() {
    return server.getAddress().getPort();
  }

  int hits() {
    return hits.get();
  }

  String lastSecretId() {
    return lastSecretId;
  }

  /** The environment a Lambda function with the extension layer sees. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put(LambdaContainer.SECRET_ARN, SECRET_ARN);
    env.put(SecretsExtensionCredentials.PORT, Integer.toString(port()));
    env.put(SecretsExtensionCredentials.SESSION_TOKEN, SESSION_TOKEN);
    return env;
  }

  private void answer(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    String query = exchange.getRequestURI().getRawQuery();
    lastSecretId = query != null && query.startsWith("secretId=")
        ? URLDecoder.decode(query.substring("secretId=".length()), StandardCharsets.UTF_8) : null;
    int code;
    byte[] body;
    if (!SESSION_TOKEN.equals(exchange.getRequestHeaders().getFirst(SecretsExtensionCredentials.TOKEN_HEADER))) {
      code = 401;
      body = "not authorized".getBytes(StandardCharsets.UTF_8);
    } else if (status != 200 || !SECRET_ARN.equals(lastSecretId)) {
      code = status != 200 ? status : 400;
      body = "ResourceNotFoundException".getBytes(StandardCharsets.UTF_8);
    } else {
      ObjectNode answer = (ObjectNode) json.readTree(Harness.read(Harness.resource("events/secrets/extension-answer.json")));
      answer.put("ARN", SECRET_ARN).put("SecretString", secretString);
      code = 200;
      body = json.writeValueAsBytes(answer);
    }
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
