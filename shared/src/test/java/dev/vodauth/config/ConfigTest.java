package dev.vodauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {
  @Test
  void defaultsNeedNoEnvironment() {
    Config config = Config.from(Map.of());

    assertEquals("cn-shanghai", config.region());
    assertEquals("vod.cn-shanghai.aliyuncs.com", config.endpoint());
    assertEquals(2, config.maxRetries());
    assertEquals(100, config.authInfoTimeoutDefault());
    assertEquals(3000, config.authInfoTimeoutMax());
    assertEquals(List.of(), config.corsAllowedOrigins());
  }

  @Test
  void regionNamesTheDefaultEndpoint() {
    assertEquals("vod.ap-southeast-1.aliyuncs.com", Config.from(Map.of("VOD_REGION", "ap-southeast-1")).endpoint());
  }

  @Test
  void originsAreAListWithoutBlanks() {
    assertEquals(List.of("https://a.example", "https://b.example"),
        Config.from(Map.of("CORS_ALLOWED_ORIGINS", " https://a.example, ,https://b.example ")).corsAllowedOrigins());
  }

  @Test
  void badValueNamesTheVariableAndTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("VOD_MAX_RETRIES", "5")));

    assertEquals("VOD_MAX_RETRIES must be a whole number between 0 and 2, got '5'", e.getMessage());
  }

  /**
   * A deploy file cannot compare two parameters (CloudFormation's Rules have no "less than"), so
   * a default above the lowered maximum starts, cut to the maximum: no caller ever gets more.
   */
  @Test
  void defaultAboveTheLoweredMaximumIsCutToTheMaximum() {
    Config config = Config.from(Map.of("AUTH_INFO_TIMEOUT_MAX", "600", "AUTH_INFO_TIMEOUT_DEFAULT", "900"));

    assertEquals(600, config.authInfoTimeoutDefault());
    assertEquals(600, config.authInfoTimeoutMax());
    assertEquals(300, Config.from(Map.of("AUTH_INFO_TIMEOUT_MAX", "600", "AUTH_INFO_TIMEOUT_DEFAULT", "300")).authInfoTimeoutDefault());
    assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("AUTH_INFO_TIMEOUT_DEFAULT", "3001")));
  }

  @Test
  void overridesReplaceOnlyWhatTheyName() {
    Config config = Config.from(Map.of("VOD_REGION", "cn-beijing", "VOD_MAX_RETRIES", "1"));

    Config copy = config.withOverrides(Map.of("VOD_ENDPOINT", "127.0.0.1:1"));

    assertEquals("cn-beijing", copy.region());
    assertEquals(1, copy.maxRetries());
    assertEquals("127.0.0.1:1", copy.endpoint());
    assertEquals("vod.cn-beijing.aliyuncs.com", config.endpoint());
  }

  @Test
  void keepsNoVariableItDoesNotRead() throws Exception {
    Config config = Config.from(Map.of("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t", "VOD_ENDPOINT", "a.example"));
    java.lang.reflect.Field kept = Config.class.getDeclaredField("environment");
    kept.setAccessible(true);

    assertEquals(Map.of("VOD_ENDPOINT", "a.example"), kept.get(config));
    assertEquals("a.example", config.withOverrides(Map.of()).endpoint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://a.example/", "https://a.example/player", "a.example", "https://", "https://a.example:port",
      "https://user@a.example", "https://a.example?x=1"})
  void malformedOriginStopsTheStartNamingIt(String origin) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Config.from(Map.of("CORS_ALLOWED_ORIGINS", "https://ok.example," + origin)));

    assertEquals("CORS_ALLOWED_ORIGINS entries must be * or scheme://host[:port] (no path, no trailing slash), got '"
        + origin + "'", e.getMessage());
  }

  @Test
  void originsAreComparedInTheLowerCaseBrowsersSend() {
    // A browser serialises scheme and host in lower case: "https://A.Example" would never match.
    assertEquals(List.of("https://a.example:8443"),
        Config.from(Map.of("CORS_ALLOWED_ORIGINS", "HTTPS://A.Example:8443")).corsAllowedOrigins());
  }

  @Test
  void originsAsBrowsersSendThemAreAccepted() {
    List<String> origins = List.of("*", "https://a.example", "http://127.0.0.1:8080", "http://[::1]:3000", "app://x-y.z");

    assertEquals(origins, Config.from(Map.of("CORS_ALLOWED_ORIGINS", String.join(",", origins))).corsAllowedOrigins());
  }

  @Test
  void tokensAreOffWithoutAnIssuer() {
    Config config = Config.from(Map.of("JWT_CLOCK_SKEW_SECONDS", "30"));

    assertFalse(config.tokensOn());
  }

  @Test
  void tokenSettingsAreRead() {
    TokenSettings tokens = Config.from(Map.of("JWT_ISSUER", "https://issuer.example/", "JWT_JWKS_URL",
        "https://issuer.example/.well-known/jwks.json", "JWT_AUDIENCE", "player", "JWT_VIDEO_CLAIM", "videos")).tokens();

    assertEquals("https://issuer.example/", tokens.issuer());
    assertEquals("player", tokens.audience());
    assertEquals("videos", tokens.videoClaim());
    assertEquals(60, tokens.clockSkewSeconds());
  }

  @Test
  void issuerWithoutKeysStopsTheStart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Config.from(Map.of("JWT_ISSUER", "https://issuer.example/")));

    assertTrue(e.getMessage().startsWith("JWT_JWKS_URL must be set when JWT_ISSUER is"), e.getMessage());
  }

  @Test
  void issuerWithoutAudienceStopsTheStart() {
    // Without an audience any token of the issuer (an ID token, one for another API) would open these functions.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("JWT_ISSUER",
        "https://issuer.example/", "JWT_JWKS_URL", "https://issuer.example/.well-known/jwks.json")));

    assertTrue(e.getMessage().startsWith("JWT_AUDIENCE must be set when JWT_ISSUER is"), e.getMessage());
  }

  @Test
  void blankAudienceWithAnIssuerStopsTheStart() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Config.from(Map.of("JWT_ISSUER",
        "https://issuer.example/", "JWT_JWKS_URL", "https://issuer.example/.well-known/jwks.json", "JWT_AUDIENCE", " ")));

    assertTrue(e.getMessage().startsWith("JWT_AUDIENCE must be set when JWT_ISSUER is"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"JWT_JWKS_URL", "JWT_AUDIENCE", "JWT_VIDEO_CLAIM"})
  void tokenSettingWithoutAnIssuerStopsTheStart(String name) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Config.from(Map.of(name, "https://issuer.example/keys")));

    assertTrue(e.getMessage().startsWith("JWT_ISSUER must be set when " + name + " is"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://issuer.example/keys", "ftp://127.0.0.1/keys", "not a url", "https:///keys",
      "http://127.example.com/keys"})
  void jwksUrlMustBeHttpsOrLoopback(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Config.from(Map.of("JWT_ISSUER", "i", "JWT_AUDIENCE", "a", "JWT_JWKS_URL", url)));

    assertEquals("JWT_JWKS_URL must be an https:// URL (http:// only to a loopback address), got '" + url + "'", e.getMessage());
  }

  @Test
  void jwksUrlOverPlainHttpToLoopbackIsAllowed() {
    assertEquals("http://127.0.0.1:9100/keys",
        Config.from(Map.of("JWT_ISSUER", "i", "JWT_AUDIENCE", "a", "JWT_JWKS_URL", "http://127.0.0.1:9100/keys")).tokens().jwksUrl().toString());
  }
}
