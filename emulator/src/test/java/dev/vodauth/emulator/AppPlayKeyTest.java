package dev.vodauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GetAppPlayKey and SetAppPlayKey as VOD documents them (API 2017-03-21). */
class AppPlayKeyTest {
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private VodEmulator emulator;
  private RpcTestClient client;

  @BeforeEach
  void setUp() throws Exception {
    emulator = new VodEmulator(Clock.fixed(now, ZoneOffset.UTC)).withDefaultAccount().start();
    client = new RpcTestClient(emulator);
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  @SuppressWarnings("unchecked")
  @Test
  void theDefaultApplicationHasAPlayKeyOfEightToTwentyLettersAndDigits() throws Exception {
    RpcTestClient.Answer answer = client.get("GetAppPlayKey");
    assertEquals(200, answer.status, answer.body);
    Map<String, Object> key = (Map<String, Object>) answer.json().get("AppPlayKey");
    assertEquals("app-1000000", key.get("AppId"));
    assertTrue(((String) key.get("PlayKey")).matches("[A-Za-z0-9]{8,20}"), key.toString());
    assertEquals(emulator.appPlayKey("app-1000000"), key.get("PlayKey"));
    assertEquals(now.toString(), key.get("CreationTime"));
    assertTrue(answer.json().get("RequestId") instanceof String);
  }

  @SuppressWarnings("unchecked")
  @Test
  void setAppPlayKeyRotatesItAndRefusesWhatVodRefuses() throws Exception {
    assertEquals(200, client.get("SetAppPlayKey", "PlayKey", "yzNgTUtAl6HAuosIA").status);
    Map<String, Object> key = (Map<String, Object>) client.get("GetAppPlayKey", "AppId", "app-1000000").json().get("AppPlayKey");
    assertEquals("yzNgTUtAl6HAuosIA", key.get("PlayKey"));
    for (String bad : new String[] {"short1", "twentyOneCharacters21", "with-dash-1"}) {
      RpcTestClient.Answer refused = client.get("SetAppPlayKey", "PlayKey", bad);
      assertEquals(400, refused.status, bad);
      assertEquals("InvalidParameter", refused.code());
    }
    assertEquals("MissingParameter", client.get("SetAppPlayKey").code());
    assertEquals("InvalidAppId.NotFound", client.get("GetAppPlayKey", "AppId", "app-9").code());
  }
}
