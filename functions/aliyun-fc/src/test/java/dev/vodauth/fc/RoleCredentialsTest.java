package dev.vodauth.fc;

import static dev.vodauth.fc.FcHarness.JSON;
import static dev.vodauth.fc.FcHarness.ROLE_KEY_ID;
import static dev.vodauth.fc.FcHarness.ROLE_TOKEN;
import static dev.vodauth.fc.FcHarness.fixture;
import static dev.vodauth.fc.HttpTriggerHandlingTest.assertStruct;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.fc.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.pipeline.EventFailureException;
import dev.vodauth.testkit.FakeFcContext;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Which keys sign the VOD call: the role's from the context, else the environment's, else a clear 502. */
@Timeout(30)
class RoleCredentialsTest {
  private FcHarness fc;

  @AfterEach
  void stopEmulator() {
    fc.assertCleanLog();
    fc.close();
  }

  private static Map<String, String> environmentKeys() {
    return Map.of(EnvironmentCredentials.ACCESS_KEY_ID, VodEmulator.EMULATOR_ACCESS_KEY_ID,
        EnvironmentCredentials.ACCESS_KEY_SECRET, VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
  }

  /** play-auth with keys in the environment too, answered 200: the VOD call it made. */
  private RecordedVodRequest playAuthCallWithEnvironmentKeys(Context context) throws Exception {
    fc = FcHarness.start(environmentKeys());
    fc.emulator.withDefaultAccount();
    assertStruct(fc.invoke(fc.playAuth, fixture("http-get.json"), context), 200);
    return fc.emulator.takeRequest(1, TimeUnit.SECONDS);
  }

  @Test
  void roleKeysFromTheContextSignTheCallEvenWhenTheEnvironmentHasKeys() throws Exception {
    RecordedVodRequest call = playAuthCallWithEnvironmentKeys(FcHarness.roleContext("req-role"));

    assertEquals(ROLE_KEY_ID, call.accessKeyId());
    assertEquals(ROLE_TOKEN, call.securityToken());
    assertTrue(call.signatureValid());
  }

  @Test
  void withoutARoleTheEnvironmentsKeysSignTheCall() throws Exception {
    RecordedVodRequest call = playAuthCallWithEnvironmentKeys(FakeFcContext.withoutRole("req-env"));

    assertEquals(VodEmulator.EMULATOR_ACCESS_KEY_ID, call.accessKeyId());
    assertNull(call.securityToken());
  }

  @Test
  void withNeitherRoleNorEnvironmentHttpAnswers502AndLogsIt() throws Exception {
    fc = FcHarness.start();

    JsonNode response = fc.invoke(fc.playAuth, fixture("http-get.json"), FakeFcContext.withoutRole("req-nokeys"));

    assertStruct(response, 502);
    JsonNode body = JSON.readTree(response.path("body").asText());
    assertEquals("VodCredentialsUnavailable", body.path("Code").asText());
    assertEquals("req-nokeys", body.path("RequestId").asText());
    // The caller learns no more than that; the log line names where keys were looked for.
    assertEquals("The function has no VOD credentials.", body.path("Message").asText());
    assertEquals(0, fc.emulator.requestCount());
    assertEquals(1, fc.logLines.size());
    JsonNode line = JSON.readTree(fc.logLines.get(0));
    assertEquals("VodCredentialsUnavailable", line.path("outcome").asText(line.toString()), line::toString);
    assertTrue(line.path("message").asText().contains(EnvironmentCredentials.ACCESS_KEY_ID), line::toString);
    assertTrue(fc.logLines.get(0).contains("req-nokeys"));
  }

  @Test
  void withNeitherRoleNorEnvironmentAnEventFailsTheInvocation() throws Exception {
    fc = FcHarness.start();

    EventFailureException failure = assertThrows(EventFailureException.class,
        () -> fc.invoke(fc.refreshUpload, fixture("cloudevent-single.json"), FakeFcContext.withoutRole("req-nokeys-event")));

    assertEquals("VodCredentialsUnavailable", failure.code());
    assertTrue(fc.logLines.stream().anyMatch(l -> l.contains("VodCredentialsUnavailable")), fc.logLines::toString);
  }

  @Test
  void roleKeysVodRejectsAnswer502WithoutNamingTheSecret() throws Exception {
    fc = FcHarness.start();

    JsonNode response = fc.invoke(fc.playAuth, fixture("http-get.json"),
        FakeFcContext.withKeys("req-rejected", "STS.not-registered", FcHarness.ROLE_SECRET, FcHarness.ROLE_TOKEN));

    assertStruct(response, 502);
    assertEquals("VodCredentialsRejected", JSON.readTree(response.path("body").asText()).path("Code").asText());
  }
}
