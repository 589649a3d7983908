package dev.vodauth.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.CredentialsUnavailableException;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.VodEmulator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keys from Secrets Manager through a stand-in of the extension: the TTL cache, rotation, clear errors. */
@Timeout(30)
class SecretsExtensionCredentialsTest {
  static final String OLD_ID = "LTAIold";
  static final String OLD_SECRET = "old-secret-do-not-leak";
  static final String NEW_ID = "LTAInew";
  static final String NEW_SECRET = "new-secret-do-not-leak";

  private final ObjectMapper json = new ObjectMapper();
  private ExtensionStandIn extension;

  @BeforeEach
  void start() throws Exception {
    extension = new ExtensionStandIn().serve(OLD_ID, OLD_SECRET);
  }

  @AfterEach
  void stop() {
    extension.close();
  }

  @Test
  void keysAreReadThroughTheExtensionWithTheSessionToken() {
    VodCredentials keys = SecretsExtensionCredentials.from(extension.environment(), json).load();

    assertEquals(VodCredentials.of(OLD_ID, OLD_SECRET), keys);
    assertEquals(ExtensionStandIn.SECRET_ARN, extension.lastSecretId()); // URL-encoded on the way, ':' and '/' included
    assertEquals(1, extension.hits());
  }

  @Test
  void alibabaCloudVariableNamesAndASecurityTokenAreAcceptedToo() {
    extension.serveSecretString("{\"ALIBABA_CLOUD_ACCESS_KEY_ID\":\"STS.id\",\"ALIBABA_CLOUD_ACCESS_KEY_SECRET\":\"s\","
        + "\"ALIBABA_CLOUD_SECURITY_TOKEN\":\"t\"}");

    assertEquals(VodCredentials.of("STS.id", "s", "t"), SecretsExtensionCredentials.from(extension.environment(), json).load());
  }

  @Test
  void cachedKeysAreKeptForTheTtlThenReadAgain() {
    MutableClock clock = new MutableClock();
    Map<String, String> env = extension.environment();
    env.put(LambdaContainer.SECRET_TTL_SECONDS, "300");
    CredentialsSource credentials = LambdaContainer.credentials(env, clock, json);

    credentials.load();
    clock.shift(Duration.ofSeconds(299));
    credentials.load();
    assertEquals(1, extension.hits());

    clock.shift(Duration.ofSeconds(1));
    extension.serve(NEW_ID, NEW_SECRET);
    assertEquals(VodCredentials.of(NEW_ID, NEW_SECRET), credentials.load());
    assertEquals(2, extension.hits());
  }

  @Test
  void keysRotatedInTheSecretAreReloadedAtOnceWhenVodRejectsTheOldOnes() throws Exception {
    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue()) {
      emulator.addAccessKey(OLD_ID, OLD_SECRET);
      Harness harness = new Harness(emulator);
      harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_ID);
      harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_SECRET);
      harness.environment.putAll(extension.environment());
      assertEquals(200, harness.invoke(harness.playAuth(), Harness.resource("events/v2/get.json")).path("statusCode").asInt());
      emulator.takeRequest(1, TimeUnit.SECONDS);

      // Rotation: VOD knows only the new key, the secret holds it, the 300 s TTL has not run out.
      emulator.removeAccessKey(OLD_ID).addAccessKey(NEW_ID, NEW_SECRET);
      extension.serve(NEW_ID, NEW_SECRET);
      JsonNode response = harness.invoke(harness.playAuth(), Harness.resource("events/v2/get.json"));

      assertEquals(200, response.path("statusCode").asInt(), response.toString());
      RecordedVodRequest rejected = emulator.takeRequest(1, TimeUnit.SECONDS);
      RecordedVodRequest accepted = emulator.takeRequest(1, TimeUnit.SECONDS);
      assertEquals(OLD_ID, rejected.accessKeyId());
      assertEquals(NEW_ID, accepted.accessKeyId());
      assertEquals(2, extension.hits());
      for (String line : harness.logLines) {
        assertFalse(line.contains(OLD_SECRET) || line.contains(NEW_SECRET) || line.contains(ExtensionStandIn.SESSION_TOKEN), line);
      }
    }
  }

  @Test
  void missingSecretIsAClearErrorNamingTheSecret() {
    extension.failWith(400);

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> SecretsExtensionCredentials.from(extension.environment(), json).load());

    assertEquals("no VOD keys from secret " + ExtensionStandIn.SECRET_ARN
        + ": the Parameters and Secrets extension answered HTTP 400", e.getMessage());
  }

  @Test
  void malformedSecretIsAClearErrorThatQuotesNothingOfIt() {
    extension.serveSecretString("AccessKeyId=LTAIold, AccessKeySecret=" + OLD_SECRET);

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> SecretsExtensionCredentials.from(extension.environment(), json).load());

    assertEquals("no VOD keys from secret " + ExtensionStandIn.SECRET_ARN + ": its SecretString is not a JSON object",
        e.getMessage());
  }

  @Test
  void secretWithoutTheKeysIsAClearError() {
    extension.serveSecretString("{\"username\":\"vod\",\"password\":\"" + OLD_SECRET + "\"}");

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> SecretsExtensionCredentials.from(extension.environment(), json).load());

    assertEquals("no VOD keys from secret " + ExtensionStandIn.SECRET_ARN
        + ": its SecretString lacks AccessKeyId or AccessKeySecret", e.getMessage());
  }

  @Test
  void extensionThatIsNotRunningIsAClearError() {
    Map<String, String> env = extension.environment();
    extension.close(); // nothing listens on the port any more

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> SecretsExtensionCredentials.from(env, json).load());

    assertTrue(e.getMessage().contains("could not be reached (ConnectException); is its layer attached?"), e.getMessage());
  }

  @Test
  void missingSessionTokenIsAClearError() {
    Map<String, String> env = extension.environment();
    env.remove(SecretsExtensionCredentials.SESSION_TOKEN);

    CredentialsUnavailableException e = assertThrows(CredentialsUnavailableException.class,
        () -> SecretsExtensionCredentials.from(env, json).load());

    assertTrue(e.getMessage().endsWith("AWS_SESSION_TOKEN is not set, and the extension refuses requests without it"));
    assertEquals(0, extension.hits());
  }

  @Test
  void unreadableSecretIsAnsweredAs502WithoutAnySecret() throws Exception {
    extension.serveSecretString("{not json " + OLD_SECRET);
    try (VodEmulator emulator = new VodEmulator().start().withDemoCatalogue()) {
      Harness harness = new Harness(emulator);
      harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_ID);
      harness.environment.remove(EnvironmentCredentials.ACCESS_KEY_SECRET);
      harness.environment.putAll(extension.environment());

      String raw = Harness.invokeRaw(harness.playAuth(), Harness.read(Harness.resource("events/v2/get.json")), "req-1");

      JsonNode body = json.readTree(json.readTree(raw).path("body").asText());
      assertEquals(502, json.readTree(raw).path("statusCode").asInt());
      assertEquals("VodCredentialsUnavailable", body.path("Code").asText());
      assertTrue(body.path("Message").asText().contains("its SecretString is not a JSON object"), body.toString());
      assertFalse(raw.contains(OLD_SECRET) || raw.contains(ExtensionStandIn.SESSION_TOKEN));
      for (String line : harness.logLines) assertFalse(line.contains(OLD_SECRET) || line.contains(ExtensionStandIn.SESSION_TOKEN));
      assertEquals(0, emulator.requestCount());
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-21T03:00:00Z");

    void shift(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
