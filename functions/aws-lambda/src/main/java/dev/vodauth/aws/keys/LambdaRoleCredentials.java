package dev.vodauth.aws.keys;

import dev.vodauth.http.Loopback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CredentialsUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The function role's AWS credentials, which sign the call to Secrets Manager.
 *
 * <p>With SnapStart, Lambda does not set {@code AWS_SESSION_TOKEN}: the Java runtime gets the
 * role's keys from a container credentials endpoint instead, {@code GET
 * $AWS_CONTAINER_CREDENTIALS_FULL_URI} with header {@code Authorization:
 * $AWS_CONTAINER_AUTHORIZATION_TOKEN}, which answers {@code {"AccessKeyId", "SecretAccessKey",
 * "Token", "Expiration"}} (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials,
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html; as the SDKs
 * do, a token file named by {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} wins over the
 * variable). Nothing is kept here: the role's keys are read for each read of the secret, which
 * {@code CachedCredentials} keeps (a local call, once per secret TTL). Without that endpoint,
 * the keys are Lambda's {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and
 * {@code AWS_SESSION_TOKEN} (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
 *
 * <p>The environment is read at each load. Thread-safe (stateless); messages never hold a key or the token.
 */
final class LambdaRoleCredentials {
  static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
  static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
  static final String AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
  static final String AUTHORIZATION_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final Map<String, String> environment;
  private final HttpClient http;
  private final ObjectMapper json;

  LambdaRoleCredentials(Map<String, String> environment, HttpClient http, ObjectMapper json) {
    this.environment = Objects.requireNonNull(environment, "environment == null");
    this.http = Objects.requireNonNull(http, "http == null");
    this.json = Objects.requireNonNull(json, "json == null");
  }

  /**
   * The role's current keys.
   *
   * @throws CredentialsUnavailableException when neither the endpoint nor the variables give any
   */
  AwsCredentials load() {
    String uri = text(FULL_URI);
    return uri == null ? fromEnvironment() : fetch(uri);
  }

  private AwsCredentials fromEnvironment() {
    String id = text(ACCESS_KEY_ID);
    String secret = text(SECRET_ACCESS_KEY);
    if (id == null || secret == null) {
      throw unavailable("neither " + FULL_URI + " nor " + ACCESS_KEY_ID + "/" + SECRET_ACCESS_KEY + " is set");
    }
    return AwsCredentials.of(id, secret, text(SESSION_TOKEN));
  }

  private AwsCredentials fetch(String uri) {
    URI endpoint = endpoint(uri);
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT).GET();
    String token = authorizationToken();
    if (token != null) request.header("Authorization", token);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw unavailable("the container credentials endpoint did not answer in time");
    } catch (IOException e) {
      throw unavailable("the container credentials endpoint could not be reached (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while reading the container credentials endpoint");
    }
    if (response.statusCode() != 200) {
      throw unavailable("the container credentials endpoint answered HTTP " + response.statusCode());
    }
    JsonNode keys = parse(response.body());
    String id = keys.path("AccessKeyId").asText("");
    String secret = keys.path("SecretAccessKey").asText("");
    if (id.isEmpty() || secret.isEmpty()) {
      throw unavailable("the container credentials endpoint's answer lacks AccessKeyId or SecretAccessKey");
    }
    return AwsCredentials.of(id, secret, keys.path("Token").asText(""));
  }

  /** HTTPS, or plain HTTP to a loopback address (where Lambda's endpoint listens). */
  private static URI endpoint(String uri) {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw unavailable(FULL_URI + " is not a URI");
    }
    if ("https".equalsIgnoreCase(parsed.getScheme())) return parsed;
    if ("http".equalsIgnoreCase(parsed.getScheme()) && Loopback.isLoopback(parsed.getHost())) return parsed;
    throw unavailable(FULL_URI + " must be https, or http to a loopback address");
  }

  private String authorizationToken() {
    String file = text(AUTHORIZATION_TOKEN_FILE);
    if (file != null) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).trim();
      } catch (IOException | RuntimeException e) {
        throw unavailable(AUTHORIZATION_TOKEN_FILE + " could not be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    return text(AUTHORIZATION_TOKEN);
  }

  private JsonNode parse(byte[] body) {
    try {
      JsonNode tree = json.readTree(body);
      if (tree != null && tree.isObject()) return tree;
    } catch (IOException e) {
      // Jackson's message quotes the content, which holds keys: only the fact is said.
    }
    throw unavailable("the container credentials endpoint's answer is not a JSON object");
  }

  private String text(String name) {
    String value = environment.get(name);
    return value == null || value.trim().isEmpty() ? null : value.trim();
  }

  private static CredentialsUnavailableException unavailable(String reason) {
    return new CredentialsUnavailableException("no credentials of the function's role: " + reason);
  }
}
