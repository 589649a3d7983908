package dev.vodauth.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.CredentialsUnavailableException;
import dev.vodauth.credentials.VodCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The Aliyun AccessKey pair kept in an AWS Secrets Manager secret, read through the AWS
 * Parameters and Secrets Lambda Extension: no AWS SDK in the jar.
 *
 * <p>The extension listens on {@code localhost:2773} (or {@code PARAMETERS_SECRETS_EXTENSION_HTTP_PORT})
 * and answers {@code GET /secretsmanager/get?secretId=<url-encoded ARN or name>} when the request
 * carries {@code X-Aws-Parameters-Secrets-Token: $AWS_SESSION_TOKEN}; the answer is
 * GetSecretValue's JSON, with the secret in {@code SecretString}
 * (https://docs.aws.amazon.com/secretsmanager/latest/userguide/retrieving-secrets_lambda.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/with-secrets-manager.html).
 *
 * <p>The secret is a JSON object: {@code {"AccessKeyId": "...", "AccessKeySecret": "..."}}, with
 * an optional {@code "SecurityToken"}; the environment-variable names
 * {@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET} and
 * {@code ALIBABA_CLOUD_SECURITY_TOKEN} are accepted too.
 *
 * <p>Loads afresh on every call ({@code CachedCredentials} adds the TTL); thread-safe. Error
 * messages name the secret and the rule, never its content.
 */
public final class SecretsExtensionCredentials implements CredentialsSource {
  static final String PORT = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
  static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
  static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
  static final int DEFAULT_PORT = 2773;
  static final int CONNECT_TIMEOUT_MILLIS = 1000;
  /** On a cache miss the extension calls Secrets Manager: allow it a few round trips. */
  static final int READ_TIMEOUT_MILLIS = 3000;

  private final String secretId;
  private final int port;
  private final String sessionToken;
  private final ObjectMapper json;

  private SecretsExtensionCredentials(String secretId, int port, String sessionToken, ObjectMapper json) {
    this.secretId = secretId;
    this.port = port;
    this.sessionToken = sessionToken;
    this.json = json;
  }

  /** True when the environment names a secret ({@code VOD_SECRET_ARN}). */
  public static boolean isConfigured(Map<String, String> environment) {
    String id = environment.get(LambdaContainer.SECRET_ARN);
    return id != null && !id.trim().isEmpty();
  }

  /**
   * The secret named by {@code VOD_SECRET_ARN}, through the extension on the environment's port.
   *
   * @throws IllegalArgumentException when no secret is named or the port is not a port
   */
  public static SecretsExtensionCredentials from(Map<String, String> environment, ObjectMapper json) {
    if (!isConfigured(environment)) throw new IllegalArgumentException(LambdaContainer.SECRET_ARN + " is not set");
    return new SecretsExtensionCredentials(environment.get(LambdaContainer.SECRET_ARN).trim(), port(environment),
        environment.get(SESSION_TOKEN), Objects.requireNonNull(json, "json == null"));
  }

  @Override
  public VodCredentials load() {
    if (sessionToken == null || sessionToken.isEmpty()) {
      throw unavailable(SESSION_TOKEN + " is not set, and the extension refuses requests without it");
    }
    JsonNode answer = parse(fetch(), "the extension's answer");
    JsonNode secretString = answer.path("SecretString");
    if (!secretString.isTextual()) {
      throw unavailable("it has no SecretString (binary secrets are not supported)");
    }
    JsonNode secret = parse(secretString.asText().getBytes(StandardCharsets.UTF_8), "its SecretString");
    String id = firstText(secret, "AccessKeyId", "ALIBABA_CLOUD_ACCESS_KEY_ID");
    String key = firstText(secret, "AccessKeySecret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    if (!VodCredentials.isComplete(id, key)) {
      throw unavailable("its SecretString lacks AccessKeyId or AccessKeySecret");
    }
    return VodCredentials.of(id, key, firstText(secret, "SecurityToken", "ALIBABA_CLOUD_SECURITY_TOKEN"));
  }

  private byte[] fetch() {
    HttpURLConnection connection = null;
    try {
      URL url = new URL("http://localhost:" + port + "/secretsmanager/get?secretId="
          + URLEncoder.encode(secretId, StandardCharsets.UTF_8));
      connection = (HttpURLConnection) url.openConnection();
      connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
      connection.setReadTimeout(READ_TIMEOUT_MILLIS);
      connection.setRequestProperty(TOKEN_HEADER, sessionToken);
      int status = connection.getResponseCode();
      if (status != 200) {
        // The extension answers 400 for a secret that does not exist or may not be read; its
        // body is not passed on, so nothing it echoes can reach a log.
        throw unavailable("the Parameters and Secrets extension answered HTTP " + status);
      }
      try (InputStream body = connection.getInputStream()) {
        return body.readAllBytes();
      }
    } catch (IOException e) {
      throw unavailable("the Parameters and Secrets extension on localhost:" + port
          + " could not be reached (" + e.getClass().getSimpleName() + "); is its layer attached?");
    } finally {
      if (connection != null) connection.disconnect();
    }
  }

  private JsonNode parse(byte[] content, String what) {
    try {
      JsonNode tree = json.readTree(content);
      if (tree != null && tree.isObject()) return tree;
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the content, which may be the secret: only the fact is said.
    } catch (IOException e) {
      throw new IllegalStateException("reading bytes in memory does not fail", e);
    }
    throw unavailable(what + " is not a JSON object");
  }

  private static String firstText(JsonNode object, String... names) {
    for (String name : names) {
      JsonNode value = object.path(name);
      if (value.isTextual() && !value.asText().trim().isEmpty()) return value.asText();
    }
    return null;
  }

  private CredentialsUnavailableException unavailable(String reason) {
    return new CredentialsUnavailableException("no VOD keys from secret " + secretId + ": " + reason);
  }

  private static int port(Map<String, String> environment) {
    String value = environment.get(PORT);
    if (value == null || value.trim().isEmpty()) return DEFAULT_PORT;
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65_535) return port;
    } catch (NumberFormatException ignored) {
      // Falls through to the message below, which shows the rule.
    }
    throw new IllegalArgumentException(PORT + " must be a port number between 1 and 65535, got '" + value + "'");
  }

  @Override
  public String toString() {
    return "SecretsExtensionCredentials{" + secretId + "}";
  }
}
