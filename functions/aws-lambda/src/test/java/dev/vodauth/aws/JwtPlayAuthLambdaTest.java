package dev.vodauth.aws;

import dev.vodauth.aws.keys.ContainerCredentialsStandIn;
import dev.vodauth.aws.keys.SecretsManagerStandIn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.playauth.PythonJwtCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/** The JWT kind on Lambda: the PlayKey from the function's secret or from VOD, dropped by SnapStart's hooks. */
@Timeout(60)
class JwtPlayAuthLambdaTest {
  private static final String PLAY_KEY = "secretPlayKey2026";
  private final ObjectMapper json = new ObjectMapper();
  @RegisterExtension final Harness harness = Harness.onDemoCatalogue();
  private final VodEmulator emulator = harness.emulator;
  private SecretsManagerStandIn secretsManager;
  private ContainerCredentialsStandIn container;

  @BeforeEach
  void start() throws Exception {
    secretsManager = new SecretsManagerStandIn().serveSecretString(json.createObjectNode()
        .put("AccessKeyId", Harness.KEY_ID).put("AccessKeySecret", Harness.KEY_SECRET).put("PlayKey", PLAY_KEY).toString());
    container = new ContainerCredentialsStandIn();
    harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_ID);
    harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_SECRET);
    harness.environment.putAll(secretsManager.snapStartEnvironment(container));
    harness.environment.put("PLAY_AUTH_TYPES", "VOD,JWT");
  }

  @AfterEach
  void stop() {
    container.close();
    secretsManager.close();
  }

  private JsonNode jwtAnswer() throws Exception {
    ObjectNode event = (ObjectNode) json.readTree(Harness.read(Harness.resource("events/v2/get.json")));
    event.put("rawQueryString", "VideoId=5aa0bbf5e8a84c7fb7a3a0f5c1d20001&PlayAuthType=JWT");
    event.putObject("queryStringParameters").put("VideoId", "5aa0bbf5e8a84c7fb7a3a0f5c1d20001").put("PlayAuthType", "JWT");
    JsonNode response = harness.invoke(harness.playAuth(), json.writeValueAsBytes(event));
    assertEquals(200, response.path("statusCode").asInt(), response.toString());
    assertEquals("no-store", response.path("headers").path("Cache-Control").asText());
    return json.readTree(response.path("body").asText());
  }

  @Test
  void playKeyFromTheSecretSignsAndARestoreReadsItAgain() throws Exception {
    harness.environment.put("VOD_PLAY_KEY_IN_SECRET", "true");
    JsonNode answer = jwtAnswer();
    assertEquals("JWT", answer.path("PlayAuthType").asText());
    assertTrue(PythonJwtCheck.check(answer.path("PlayAuth").asText(), PLAY_KEY).path("signatureValid").asBoolean());
    jwtAnswer();
    assertEquals(1, secretsManager.getSecretValueCalls(), "the PlayKey is cached");
    assertEquals(0, emulator.requestCount(), "no VOD call at all");

    harness.container().hooks().afterRestore(null);
    jwtAnswer();
    assertEquals(2, secretsManager.getSecretValueCalls(), "a restored environment reads the PlayKey again");
    for (String line : harness.logLines) assertFalse(line.contains(PLAY_KEY), line);
  }

  @Test
  void playKeyFromGetAppPlayKeyIsDroppedBeforeTheSnapshot() throws Exception {
    JsonNode answer = jwtAnswer();
    assertTrue(PythonJwtCheck.check(answer.path("PlayAuth").asText(), emulator.appPlayKey("app-1000000"))
        .path("signatureValid").asBoolean());
    assertEquals(1, emulator.requestCount());
    harness.container().hooks().beforeCheckpoint(null);
    assertEquals(1, emulator.requestCount(), "priming reads no PlayKey");
    jwtAnswer();
    assertEquals(2, emulator.requestCount(), "none was kept across the checkpoint");
  }

  @Test
  void playKeyInSecretNeedsTheSecret() {
    harness.environment.remove(dev.vodauth.aws.keys.AwsKeySource.SECRET_ARN);
    harness.environment.put("VOD_PLAY_KEY_IN_SECRET", "true");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LambdaContainer.create(harness.environment, Clock.systemUTC(), line -> {}));
    assertTrue(e.getMessage().startsWith("VOD_PLAY_KEY_IN_SECRET=true needs VOD_SECRET_ARN"), e.getMessage());
  }

  @Test
  void aPlayKeyInTheEnvironmentThatVodWouldRefuseStopsTheStart() {
    harness.environment.put("VOD_PLAY_KEY", "not-a-key!");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LambdaContainer.create(harness.environment, Clock.systemUTC(), line -> {}));
    assertTrue(e.getMessage().startsWith("VOD_PLAY_KEY must be"), e.getMessage());
    assertFalse(e.getMessage().contains("not-a-key!"));
    assertFalse(new String(e.getMessage().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).contains("not-a-key"));
  }
}
