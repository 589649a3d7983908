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
          () -> Config.from(Map.of("VOD_PLAY_KEY", bad)), bad);
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
  void contentDefaultsAreGetPlayInfosDocumentedParametersOnly() {
    String[][] cases = {
        {"[]", "PLAY_AUTH_JWT_CONTENT must be a JSON object"},
        {"{\"Formats\":\"mp4\"}", "PLAY_AUTH_JWT_CONTENT may hold only formats, authTimeout, streamType, definition,"
            + " resultType, outputType, got 'Formats'"},
        {"{\"formats\":\"mp4,avi\"}", "PLAY_AUTH_JWT_CONTENT: formats must be one or more of mp4, m3u8, mp3, flv, mpd,"
            + " comma-separated, each once."},
        {"{\"authTimeout\":\"1800\"}", "PLAY_AUTH_JWT_CONTENT: authTimeout must be a whole number of seconds between 1 and 2592000."},
        {"{\"authTimeout\":2592001}", "PLAY_AUTH_JWT_CONTENT: authTimeout must be a whole number of seconds between 1 and 2592000."},
        {"{\"outputType\":\"s3\"}", "PLAY_AUTH_JWT_CONTENT: outputType must be one of oss, cdn."},
        {"{\"playConfig\":\"{}\"}", "PLAY_AUTH_JWT_CONTENT may hold only formats, authTimeout, streamType, definition,"
            + " resultType, outputType, got 'playConfig'"},
    };
    for (String[] c : cases) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_CONTENT", c[0])), c[0]);
      assertEquals(c[1], e.getMessage());
    }
    PlayContentRules empty = PlayAuthSettings.from(Map.of("PLAY_AUTH_JWT_CONTENT", "{}")).content();
    assertEquals(Map.of(), empty.claim(Parameters.of(Map.of())).value(), "an operator may send no playContentInfo field");
    assertEquals(Map.of("authTimeout", 2_592_000L, "resultType", "Multiple"),
        empty.claim(Parameters.of(Map.of("authtimeout", "2592000", "ResultType", "multiple"))).value());
  }

  @Test
  void everyContentParameterIsReadFromRequests() {
    for (String name : PlayContentRules.PARAMETERS) assertTrue(Parameters.KNOWN.contains(name), name);
    assertTrue(Parameters.KNOWN.contains(JwtPlayAuth.PARAMETER));
  }
}
