package dev.vodauth.aws.keys;

import dev.vodauth.aws.Harness;
import dev.vodauth.testkit.StandInServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the container credentials endpoint Lambda gives a SnapStart function
 * ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}): answers the role's keys when the
 * {@code Authorization} header holds the container's token, 401 otherwise.
 */
public final class ContainerCredentialsStandIn implements AutoCloseable {
  static final String PATH = "/2021-04-23/credentials";
  static final String AUTHORIZATION_TOKEN = "container-authorization-token-do-not-leak";
  public static final String SESSION_TOKEN = "container-session-token-do-not-leak";
  static final AwsCredentials KEYS = AwsCredentials.of("CONTAINERKEYIDFORTESTS", "container-secret-do-not-leak", SESSION_TOKEN);

  private final StandInServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger hits = new AtomicInteger();
  private volatile Instant expiration = Instant.now().plus(Duration.ofHours(6));

  public ContainerCredentialsStandIn() throws IOException {
    server = StandInServer.start(PATH, this::answer);
  }

  /** The Expiration of the keys it hands out from now on. */
  ContainerCredentialsStandIn expiring(Instant at) {
    this.expiration = at;
    return this;
  }

  String uri() {
    return server.url() + PATH;
  }

  public int hits() {
    return hits.get();
  }

  private void answer(HttpExchange exchange) throws IOException {
    hits.incrementAndGet();
    exchange.getRequestBody().readAllBytes();
    byte[] body;
    int status;
    if (!"GET".equals(exchange.getRequestMethod())
        || !AUTHORIZATION_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      status = 401;
      body = "{\"message\":\"unauthorized\"}".getBytes(StandardCharsets.UTF_8);
    } else {
      ObjectNode keys = (ObjectNode) json.readTree(Harness.read(Harness.resource("events/secrets/container-credentials.json")));
      keys.put("AccessKeyId", KEYS.accessKeyId()).put("SecretAccessKey", KEYS.secretAccessKey())
          .put("Token", KEYS.sessionToken()).put("Expiration", expiration.toString());
      status = 200;
      body = json.writeValueAsBytes(keys);
    }
    StandInServer.send(exchange, status, null, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
