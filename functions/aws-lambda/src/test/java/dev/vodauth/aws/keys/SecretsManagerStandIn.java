package dev.vodauth.aws.keys;

import dev.vodauth.aws.Harness;
import dev.vodauth.testkit.StandInServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for Secrets Manager's {@code GetSecretValue} on 127.0.0.1 that checks what the real
 * service checks: the target, the session token, and the SigV4 signature, recomputed with
 * {@link AwsSigV4} from the role keys it knows. A bad signature gets 400
 * {@code {"__type": "InvalidSignatureException"}}, as from AWS.
 */
public final class SecretsManagerStandIn implements AutoCloseable {
  static final String SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/keys-AbCdEf";
  static final String REGION = "us-east-1";
  /** Role keys of Lambda's environment (no SnapStart); made up, secret-looking on purpose. */
  static final AwsCredentials ROLE_KEYS =
      AwsCredentials.of("ROLEKEYIDFORTESTS", "role-secret-do-not-leak", "role-session-token-do-not-leak");
  /** A marker in every error text: AWS's messages must never be passed on. */
  static final String ERROR_TEXT_CANARY = "raw-aws-error-text-canary";

  private static final Pattern AUTHORIZATION = Pattern.compile(
      "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private final StandInServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger getSecretValueCalls = new AtomicInteger();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private volatile AwsCredentials acceptedKeys = ROLE_KEYS;
  private volatile String secretString;
  private volatile String failureType;
  private volatile int failureStatus;
  private volatile String lastSecretId;
  private volatile String lastSecurityToken;

  public SecretsManagerStandIn() throws IOException {
    server = StandInServer.start("/", this::answer);
  }

  /** The secret's content from now on (the test's rotation). */
  public SecretsManagerStandIn serve(String accessKeyId, String accessKeySecret) {
    ObjectNode keys = json.createObjectNode().put("AccessKeyId", accessKeyId).put("AccessKeySecret", accessKeySecret);
    return serveSecretString(keys.toString());
  }

  public SecretsManagerStandIn serveSecretString(String content) {
    this.secretString = content;
    return this;
  }

  /** Answers signed, well-formed calls with this AWS error from now on. */
  SecretsManagerStandIn failWith(int status, String type) {
    this.failureStatus = status;
    this.failureType = type;
    return this;
  }

  /** The role keys whose signatures it accepts (the SnapStart case: the container endpoint's). */
  SecretsManagerStandIn acceptKeys(AwsCredentials keys) {
    this.acceptedKeys = keys;
    return this;
  }

  String endpoint() {
    return server.url();
  }

  /** GetSecretValue calls that passed the checks (signature, target, token). */
  public int getSecretValueCalls() {
    return getSecretValueCalls.get();
  }

  /** Why requests were refused, in order. */
  public List<String> refusals() {
    return refusals;
  }

  String lastSecretId() {
    return lastSecretId;
  }

  public String lastSecurityToken() {
    return lastSecurityToken;
  }

  /** The environment of a Lambda function without SnapStart: the role's keys in variables. */
  Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    env.put(AwsKeySource.SECRET_ARN, SECRET_ARN);
    env.put(SecretsManagerCredentials.ENDPOINT, endpoint());
    env.put(SecretsManagerCredentials.REGION, REGION);
    env.put(LambdaRoleCredentials.ACCESS_KEY_ID, ROLE_KEYS.accessKeyId());
    env.put(LambdaRoleCredentials.SECRET_ACCESS_KEY, ROLE_KEYS.secretAccessKey());
    env.put(LambdaRoleCredentials.SESSION_TOKEN, ROLE_KEYS.sessionToken());
    return env;
  }

  /** The environment of a SnapStart function: the container endpoint, no AWS_SESSION_TOKEN. */
  public Map<String, String> snapStartEnvironment(ContainerCredentialsStandIn container) {
    acceptKeys(ContainerCredentialsStandIn.KEYS);
    Map<String, String> env = new HashMap<>();
    env.put(AwsKeySource.SECRET_ARN, SECRET_ARN);
    env.put(SecretsManagerCredentials.ENDPOINT, endpoint());
    env.put(SecretsManagerCredentials.REGION, REGION);
    env.put(LambdaRoleCredentials.FULL_URI, container.uri());
    env.put(LambdaRoleCredentials.AUTHORIZATION_TOKEN, ContainerCredentialsStandIn.AUTHORIZATION_TOKEN);
    return env;
  }

  private void answer(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String refusal = check(exchange, body);
    if (refusal != null) {
      refusals.add(refusal);
      String type = refusal.startsWith("signature") ? "InvalidSignatureException"
          : refusal.startsWith("token") ? "UnrecognizedClientException" : "UnknownOperationException";
      send(exchange, 400, error(type));
      return;
    }
    getSecretValueCalls.incrementAndGet();
    lastSecurityToken = exchange.getRequestHeaders().getFirst("X-Amz-Security-Token");
    lastSecretId = json.readTree(body).path("SecretId").asText(null);
    if (failureType != null) {
      send(exchange, failureStatus, error(failureType));
    } else if (!SECRET_ARN.equals(lastSecretId)) {
      send(exchange, 400, error("ResourceNotFoundException"));
    } else {
      ObjectNode answer = (ObjectNode) json.readTree(Harness.read(Harness.resource("events/secrets/get-secret-value.json")));
      answer.put("ARN", SECRET_ARN).put("SecretString", secretString);
      send(exchange, 200, json.writeValueAsBytes(answer));
    }
  }

  /** Null when the request is a well-formed GetSecretValue signed with the accepted keys, else why not. */
  private String check(HttpExchange exchange, byte[] body) {
    Map<String, String> received = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> received.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    if (!"POST".equals(exchange.getRequestMethod()) || !"/".equals(exchange.getRequestURI().getRawPath())) {
      return "operation: " + exchange.getRequestMethod() + " " + exchange.getRequestURI();
    }
    if (!SecretsManagerCredentials.TARGET.equals(received.get("x-amz-target"))) return "operation: X-Amz-Target";
    if (!SecretsManagerCredentials.CONTENT_TYPE.equals(received.get("content-type"))) return "operation: Content-Type";
    AwsCredentials keys = acceptedKeys;
    if (!keys.sessionToken().equals(received.get("x-amz-security-token"))) return "token: X-Amz-Security-Token";
    Matcher authorization = AUTHORIZATION.matcher(received.getOrDefault("authorization", ""));
    if (!authorization.matches()) return "signature: no SigV4 Authorization header";
    if (!authorization.group(1).equals(keys.accessKeyId())) return "signature: unknown access key";
    if (!authorization.group(3).equals(REGION) || !authorization.group(4).equals("secretsmanager")) {
      return "signature: scope " + authorization.group(3) + "/" + authorization.group(4);
    }
    List<String> signed = Arrays.asList(authorization.group(5).split(";"));
    for (String required : List.of("content-type", "host", "x-amz-date", "x-amz-security-token", "x-amz-target")) {
      if (!signed.contains(required)) return "signature: " + required + " is not signed";
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : signed) {
      if (!received.containsKey(name)) return "signature: signed header " + name + " was not sent";
      if (!Arrays.asList("host", "x-amz-date", "x-amz-security-token").contains(name)) headers.put(name, received.get(name));
    }
    Instant at;
    try {
      at = java.time.LocalDateTime.parse(received.get("x-amz-date"), AMZ_DATE).toInstant(ZoneOffset.UTC);
    } catch (RuntimeException e) {
      return "signature: X-Amz-Date";
    }
    if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getRawPath().equals("/")
        || exchange.getRequestURI().getRawQuery() != null) {
      return "operation: not POST / without a query";
    }
    AwsSigV4.Signed expected = AwsSigV4.signPost(received.get("host"), headers, body, REGION, "secretsmanager", keys, at);
    return expected.authorization().equals(received.get("authorization")) ? null : "signature: does not match";
  }

  private byte[] error(String type) throws IOException {
    JsonNode error = json.createObjectNode().put("__type", type).put("Message", ERROR_TEXT_CANARY + " for " + type);
    return json.writeValueAsBytes(error);
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    StandInServer.send(exchange, status, SecretsManagerCredentials.CONTENT_TYPE, body);
  }

  @Override
  public void close() {
    server.close();
  }
}
