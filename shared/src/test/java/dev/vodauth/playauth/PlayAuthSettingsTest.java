package dev.vodauth.playauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vodauth.config.Config;
import dev.vodauth.request.Parameters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlayAuthSettingsTest {
  @Test
  void classicOnlyWhenUnset() {
    PlayAuthSettings settings = PlayAuthSettings.from(Map.of());
    assertEquals(List.of(PlayAuthType.VOD), settings.offered());
    assertFalse(settings.offersJwt());
    assertNull(settings.configuredKey());
    assertEquals("app-1000000", settings.appId());
    assertEquals(3600, settings.timeoutDefaultSeconds());
    assertEquals(3600, settings.timeoutMaxSeconds());
    assertEquals(300, settings.keyTtlSeconds());
  }

  @Test
  void kindsInOrderTheFirstIsTheDefault() {
    assertEquals(List.of(PlayAuthType.JWT, PlayAuthType.VOD), PlayAuthSettings.from(Map.of("PLAY_AUTH_TYPES", "jwt, VOD")).offered());
    for (String bad : new String[] {"VOD,VOD", "JWT,", "PlayAuth", "VOD;JWT"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PlayAuthSettings.from(Map.of("PLAY_AUTH_TYPES", bad)), bad);
      assertTrue(e.getMessage().startsWith("PLAY_AUTH_TYPES must list VOD and/or JWT"), e.getMessage());
    }
  }

  @Test
  void aPlayKeyVodWouldRefuseStopsTheStartNamingTheSettingNotTheKey() {
    for (String bad : new String[] {"short7x", "twentyOneCharacters21", "with-dash-key", "ключключключ", "has space1"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PlayAuthSettings.from(Map.of("VOD_PLAY_KEY", bad)), bad);
      assertTrue(e.getMessage().startsWith("VOD_PLAY_KEY must be 8 to 20 letters and digits"), e.getMessage());
      assertFalse(e.getMessage().contains(bad.trim()), "the key is not repeated");
    }
    assertEquals("PlayKey[redacted]", PlayAuthSettings.from(Map.of("VOD_PLAY_KEY", "abcd1234")).configuredKey().toString());
    assertTrue(PlayKey.isAcceptable("A1234567890123456789"));
  }

  @Test
  void validityBoundsAreChecked() {
    assertEquals(86_400, PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_TIMEOUT_MAX", "86400")).timeoutMaxSeconds());
    assertEquals(600, PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_TIMEOUT_MAX", "600")).timeoutDefaultSeconds(),
        "the default follows a lower maximum");
    assertThrows(IllegalArgumentException.class, () -> PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_TIMEOUT_MAX", "86401")));
    assertThrows(IllegalArgumentException.class, () -> PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_TIMEOUT_MAX", "99")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PlayAuthSettings.from(
        Map.of("PLAY_AUTH_JWT_TIMEOUT_MAX", "600", "PLAY_AUTH_JWT_TIMEOUT_DEFAULT", "601")));
    assertEquals("PLAY_AUTH_JWT_TIMEOUT_DEFAULT must be a whole number between 100 and 600, got '601'", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> PlayAuthSettings.from(Map.of("VOD_APP_ID", "1000000")));
  }

  @Test
  void contentDefaultsAreGetPlayInfosDocumentedValuesOnly() {
    String[][] cases = {
        {"PLAY_AUTH_JWT_FORMATS", "mp4,avi", "PLAY_AUTH_JWT_FORMATS must be one or more of mp4, m3u8, mp3, flv, mpd,"
            + " comma-separated. Got 'mp4,avi'"},
        {"PLAY_AUTH_JWT_FORMATS", "mp4,", "PLAY_AUTH_JWT_FORMATS must be one or more of mp4, m3u8, mp3, flv, mpd,"
            + " comma-separated. Got 'mp4,'"},
        {"PLAY_AUTH_JWT_AUTH_TIMEOUT", "0", "PLAY_AUTH_JWT_AUTH_TIMEOUT must be a whole number of seconds between 1 and"
            + " 2592000. Got '0'"},
        {"PLAY_AUTH_JWT_AUTH_TIMEOUT", "2592001", "PLAY_AUTH_JWT_AUTH_TIMEOUT must be a whole number of seconds between 1"
            + " and 2592000. Got '2592001'"},
        {"PLAY_AUTH_JWT_OUTPUT_TYPE", "s3", "PLAY_AUTH_JWT_OUTPUT_TYPE must be one of oss, cdn. Got 's3'"},
        {"PLAY_AUTH_JWT_RESULT_TYPE", "Single,Multiple", "PLAY_AUTH_JWT_RESULT_TYPE must be one of Single, Multiple."
            + " Got 'Single,Multiple'"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PlayAuthSettings.from(Map.of(c[0], c[1])), c[0] + "=" + c[1]);
      assertEquals(c[2], e.getMessage());
    }
    PlayContentRules rules = PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_FORMATS", "m3u8, MP4, m3u8",
        "PLAY_AUTH_JWT_DEFINITION", "hd,auto")).content();
    assertEquals(Map.of("formats", "m3u8,mp4", "authTimeout", 1800L, "streamType", "video", "definition", "HD,AUTO"),
        rules.claim(Parameters.of(Map.of())).value(), "documented spelling, each value once");
    assertEquals(Map.of("formats", "mp4", "authTimeout", 1_000L, "streamType", "video", "definition", "AUTO", "resultType", "Multiple"),
        rules.claim(Parameters.of(Map.of("formats", "mp4,mp4", "AuthTimeout", "1000", "Definition", "AUTO", "ResultType", "multiple")))
            .value(), "the caller narrows what is set and chooses what is not");
    assertFalse(rules.claim(Parameters.of(Map.of("AuthTimeout", "2000"))).isOk(), "never longer than the deployment's");
  }

  @Test
  void theSettingsAreKeptByConfigSoTheyReachPrimingsTwin() {
    Config config = Config.from(Map.of("PLAY_AUTH_TYPES", "JWT", "PLAY_AUTH_JWT_DEFINITION", "HD", "UNRELATED", "x"))
        .withOverrides(Map.of("VOD_PLAY_KEY", "primingPlayKey0"));
    PlayAuthSettings settings = PlayAuthSettings.from(config.settings());
    assertEquals(List.of(PlayAuthType.JWT), settings.offered());
    assertEquals("HD", settings.content().claim(Parameters.of(Map.of())).value().get("definition"));
    assertFalse(config.settings().containsKey("UNRELATED"));
  }

  @Test
  void everyContentParameterIsReadFromRequests() {
    java.util.Set<String> read = new dev.vodauth.operation.PlayAuth(dev.vodauth.config.Config.from(Map.of())).parameterNames();
    for (String name : PlayContentRules.PARAMETERS) assertTrue(read.contains(name), name);
    assertTrue(read.contains(JwtPlayAuth.PARAMETER));
  }
}
