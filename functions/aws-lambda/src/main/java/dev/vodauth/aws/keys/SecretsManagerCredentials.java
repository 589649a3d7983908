package dev.vodauth.aws.keys;

import dev.vodauth.http.Loopback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.CredentialsUnavailableException;
import dev.vodauth.credentials.VodCredentials;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Aliyun AccessKey pair kept in an AWS Secrets Manager secret, read by calling
 * {@code GetSecretValue} over HTTPS, signed with SigV4 ({@link AwsSigV4}) with the function role's
 * credentials ({@link LambdaRoleCredentials}): no AWS SDK in the jar, no extension layer.
 *
 * <p>The call: {@code POST https://secretsmanager.<region>.amazonaws.com/} with
 * {@code Content-Type: application/x-amz-json-1.1}, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue} and {@code {"SecretId": "<arn>"}}; the answer carries the secret
 * in {@code SecretString}; errors are JSON with a {@code __type}
 * (https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html,
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/CommonErrors.html). The region is
 * the secret ARN's, else {@code AWS_REGION}; {@value #ENDPOINT} overrides the endpoint (tests;
 * plain HTTP only to a loopback address).
 *
 * <p>The secret is a JSON object: {@code {"AccessKeyId": "...", "AccessKeySecret": "..."}}, with
 * an optional {@code "SecurityToken"}; the environment-variable names
 * {@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET} and
 * {@code ALIBABA_CLOUD_SECURITY_TOKEN} are accepted too.
 *
 * <p>Loads afresh on every call ({@code CachedCredentials} adds the TTL); thread-safe. Error
 * messages name the secret and the reason, never its content, a key, a token or AWS's error text
 * beyond its {@code __type}.
 */
public final class SecretsManagerCredentials implements CredentialsSource {
  /** Overrides {@code https://secretsmanager.<region>.amazonaws.com} (tests: {@code http://127.0.0.1:port}). */
  static final String ENDPOINT = "VOD_SECRETS_MANAGER_ENDPOINT";
  static final String REGION = "AWS_REGION";
  static final String TARGET = "secretsmanager.GetSecretValue";
  static final String CONTENT_TYPE = "application/x-amz-json-1.1";
  static final String SERVICE = "secretsmanager";
  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

  private final String secretId;
  private final String region;
  private final URI endpoint;
  private final String host;
  private final LambdaRoleCredentials role;
  private final HttpClient http;
  private final ObjectMapper json;
  private final Clock clock;

  private SecretsManagerCredentials(String secretId, String region, URI endpoint, LambdaRoleCredentials role,
      HttpClient http, ObjectMapper json, Clock clock) {
    this.secretId = secretId;
    this.region = region;
    this.endpoint = endpoint;
    this.host = hostHeader(endpoint);
    this.role = role;
    this.http = http;
    this.json = json;
    this.clock = clock;
  }

  /** True when the environment names a secret ({@code VOD_SECRET_ARN}). */
  public static boolean isConfigured(Map<String, String> environment) {
    String id = environment.get(AwsKeySource.SECRET_ARN);
    return id != null && !id.trim().isEmpty();
  }

  /**
   * The secret named by {@code VOD_SECRET_ARN}, read with the role credentials the environment
   * gives; one HTTP client for the container.
   *
   * @throws IllegalArgumentException when no secret is named, no region is known, or the endpoint
   *     override is not an HTTPS (or loopback HTTP) URL
   */
  public static SecretsManagerCredentials from(Map<String, String> environment, ObjectMapper json, Clock clock) {
    if (!isConfigured(environment)) throw new IllegalArgumentException(AwsKeySource.SECRET_ARN + " is not set");
    String secretId = environment.get(AwsKeySource.SECRET_ARN).trim();
    String[] arn = secretId.split(":", 7);
    boolean isArn = arn.length == 7 && arn[0].equals("arn") && !arn[3].isEmpty();
    String region = isArn ? arn[3] : environment.getOrDefault(REGION, "").trim();
    if (region.isEmpty()) {
      throw new IllegalArgumentException(AwsKeySource.SECRET_ARN + " is a name, not an ARN, and " + REGION + " is not set");
    }
    String suffix = isArn && arn[1].equals("aws-cn") ? "amazonaws.com.cn" : "amazonaws.com";
    URI endpoint = endpoint(environment.get(ENDPOINT), "https://secretsmanager." + region + "." + suffix + "/");
    HttpClient http = HttpClient.newBuilder()
        .connectTimeout(CONNECT_TIMEOUT)
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    Objects.requireNonNull(json, "json == null");
    Objects.requireNonNull(clock, "clock == null");
    return new SecretsManagerCredentials(secretId, region, endpoint,
        new LambdaRoleCredentials(environment, http, json), http, json, clock);
  }

  @Override
  public VodCredentials load() {
    JsonNode secret = readSecret();
    String id = firstText(secret, "AccessKeyId", "ALIBABA_CLOUD_ACCESS_KEY_ID");
    String key = firstText(secret, "AccessKeySecret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET");
    if (!VodCredentials.isComplete(id, key)) {
      throw unavailable("its SecretString lacks AccessKeyId or AccessKeySecret");
    }
    return VodCredentials.of(id, key, firstText(secret, "SecurityToken", "ALIBABA_CLOUD_SECURITY_TOKEN"));
  }

  /**
   * The secret's JSON object, read afresh (it holds keys: never log it).
   *
   * @throws CredentialsUnavailableException naming the secret and the reason, never its content
   */
  JsonNode readSecret() {
    AwsCredentials roleKeys;
    try {
      roleKeys = role.load();
    } catch (CredentialsUnavailableException e) {
      throw unavailable(e.getMessage());
    }
    HttpResponse<byte[]> response = send(roleKeys);
    if (response.statusCode() != 200) throw unavailable(describeError(response));
    JsonNode answer = parse(response.body(), "Secrets Manager's answer");
    JsonNode secretString = answer.path("SecretString");
    if (!secretString.isTextual()) {
      throw unavailable(answer.has("SecretBinary")
          ? "it holds SecretBinary; store the keys as SecretString JSON" : "the answer has no SecretString");
    }
    return parse(secretString.asText().getBytes(StandardCharsets.UTF_8), "its SecretString");
  }

  private HttpResponse<byte[]> send(AwsCredentials roleKeys) {
    byte[] body = json.createObjectNode().put("SecretId", secretId).toString().getBytes(StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", CONTENT_TYPE);
    headers.put("X-Amz-Target", TARGET);
    try {
      try {
        return http.send(request(headers, body, roleKeys), HttpResponse.BodyHandlers.ofByteArray());
      } catch (HttpTimeoutException e) {
        throw e;
      } catch (IOException e) {
        // A kept-alive connection the server has closed meanwhile fails at once; GetSecretValue
        // only reads, so one more try, freshly signed, is safe.
        return http.send(request(headers, body, roleKeys), HttpResponse.BodyHandlers.ofByteArray());
      }
    } catch (HttpTimeoutException e) {
      throw unavailable("Secrets Manager did not answer within " + REQUEST_TIMEOUT.toMillis() + " ms");
    } catch (IOException e) {
      throw unavailable("Secrets Manager at " + host + " could not be reached (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable("interrupted while calling Secrets Manager");
    }
  }

  private HttpRequest request(Map<String, String> headers, byte[] body, AwsCredentials roleKeys) {
    AwsSigV4.Signed signed = AwsSigV4.signPost(host, headers, body, region, SERVICE, roleKeys, clock.instant());
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(REQUEST_TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    signed.headers().forEach(request::header);
    return request.build();
  }

  /** HTTP status and AWS's error type, with a hint for the usual ones; never the error's text. */
  private String describeError(HttpResponse<byte[]> response) {
    String type = null;
    try {
      JsonNode error = json.readTree(response.body());
      if (error != null) type = errorType(error.path("__type").asText(null));
    } catch (IOException | RuntimeException notJson) {
      // Falls back to the header below.
    }
    if (type == null) type = errorType(response.headers().firstValue("X-Amzn-ErrorType").orElse(null));
    String reason = "Secrets Manager answered HTTP " + response.statusCode() + (type == null ? "" : " " + type);
    if ("ResourceNotFoundException".equals(type)) return reason + " (no such secret in " + region + ")";
    if ("AccessDeniedException".equals(type)) {
      return reason + " (the function's role may not call secretsmanager:GetSecretValue on it)";
    }
    if ("DecryptionFailure".equals(type)) return reason + " (the role may not use the secret's KMS key: kms:Decrypt)";
    return reason;
  }

  /**
   * The bare error name: AWS may prefix a namespace ("...#ResourceNotFoundException") or append
   * a colon and more; anything that is not a plain name is not repeated.
   */
  static String errorType(String raw) {
    if (raw == null) return null;
    String type = raw.substring(raw.lastIndexOf('#') + 1);
    int colon = type.indexOf(':');
    if (colon >= 0) type = type.substring(0, colon);
    type = type.trim();
    return type.matches("[A-Za-z][A-Za-z0-9]{0,63}") ? type : null;
  }

  private JsonNode parse(byte[] content, String what) {
    try {
      JsonNode tree = json.readTree(content);
      if (tree != null && tree.isObject()) return tree;
    } catch (IOException e) {
      // Jackson's message quotes the content, which may be the secret: only the fact is said.
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

  /** The secret's ARN or name, for messages. */
  String secretId() {
    return secretId;
  }

  private CredentialsUnavailableException unavailable(String reason) {
    return new CredentialsUnavailableException("no VOD keys from secret " + secretId + ": " + reason);
  }

  private static URI endpoint(String override, String standard) {
    if (override == null || override.trim().isEmpty()) return URI.create(standard);
    URI uri;
    try {
      uri = URI.create(override.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ENDPOINT + " must be a URL, got '" + override + "'");
    }
    boolean https = "https".equalsIgnoreCase(uri.getScheme());
    boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && Loopback.isLoopback(uri.getHost());
    if (uri.getHost() == null || !(https || loopbackHttp)) {
      throw new IllegalArgumentException(ENDPOINT + " must be an https URL, or http to a loopback address, got '"
          + override + "'");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.equals("/") || uri.getRawQuery() != null) {
      throw new IllegalArgumentException(ENDPOINT + " must have no path or query, got '" + override + "'");
    }
    return uri.resolve("/");
  }

  /** The Host header java.net.http sends: the host, and the port when it is not the scheme's default. */
  private static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort = port == -1 || port == ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  @Override
  public String toString() {
    return "SecretsManagerCredentials{" + secretId + " via " + host + "}";
  }
}
