package dev.vodauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PlayAuth as a player reads it: Base64, then UTF-8, then a JSON object whose AuthInfo is JSON text again. The
 * fields are those of real PlayAuths (decoded from published ones) and those the web player reads.
 */
@Timeout(30)
class PlayAuthTest {
  private static final String UTC_SECOND = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private VodEmulator emulator;
  private RpcTestClient client;

  @BeforeEach
  void setUp() throws Exception {
    emulator = new VodEmulator(Clock.fixed(now, ZoneOffset.UTC)).withDefaultAccount().withDemoCatalogue().start();
    client = new RpcTestClient(emulator);
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  /** Base64 to UTF-8 to JSON, as the player does (a failure here is the player's "playauth decoded failed"). */
  private static Map<String, Object> decode(String playAuth) {
    return MiniJson.object(new String(Base64.getDecoder().decode(playAuth), StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> json, String name) {
    return (Map<String, Object>) json.get(name);
  }

  private Map<String, Object> playAuthOf(String... extra) throws Exception {
    String[] args = new String[extra.length + 2];
    args[0] = "VideoId";
    args[1] = DemoCatalogue.PLAYABLE;
    System.arraycopy(extra, 0, args, 2, extra.length);
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", args);
    assertEquals(200, answer.status, answer.body);
    return decode((String) answer.json().get("PlayAuth"));
  }

  @Test
  void decodesToEveryFieldAPlayerReads() throws Exception {
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    Map<String, Object> playAuth = decode((String) answer.json().get("PlayAuth"));

    assertEquals(new HashSet<>(Arrays.asList("SecurityToken", "AuthInfo", "VideoMeta", "AccessKeyId", "PlayDomain",
        "AccessKeySecret", "Region", "CustomerId")), playAuth.keySet());
    assertTrue(((String) playAuth.get("AccessKeyId")).matches("STS\\.[A-Za-z0-9]{25}"), playAuth.toString());
    assertTrue(((String) playAuth.get("AccessKeySecret")).matches("[A-Za-z0-9]{44}"));
    assertTrue(((String) playAuth.get("SecurityToken")).startsWith("CAIS"));
    assertEquals("cn-shanghai", playAuth.get("Region"));
    assertFalse(((String) playAuth.get("PlayDomain")).isEmpty());
    double customerId = (Double) playAuth.get("CustomerId");
    assertTrue(customerId >= 1e15 && customerId < 1e16 && customerId == Math.rint(customerId), "" + customerId);
    // The same video meta as the answer's own, with the same types.
    assertEquals(object(answer.json(), "VideoMeta"), object(playAuth, "VideoMeta"));
    assertEquals(new HashSet<>(Arrays.asList("Status", "VideoId", "Title", "CoverURL", "Duration")),
        object(playAuth, "VideoMeta").keySet());
  }

  @Test
  void authInfoIsJsonTextNamingTheVideoAndItsExpiry() throws Exception {
    Object text = playAuthOf().get("AuthInfo");

    assertTrue(text instanceof String, "AuthInfo is JSON text inside the JSON, as in real PlayAuths");
    Map<String, Object> authInfo = MiniJson.object((String) text);
    assertEquals(new HashSet<>(Arrays.asList("Caller", "ExpireTime", "MediaId", "Signature")), authInfo.keySet());
    assertEquals(DemoCatalogue.PLAYABLE, authInfo.get("MediaId"));
    assertTrue(((String) authInfo.get("ExpireTime")).matches(UTC_SECOND));
    Base64.getDecoder().decode((String) authInfo.get("Caller"));
    Base64.getDecoder().decode((String) authInfo.get("Signature"));
  }

  @Test
  void expireTimeIsNowPlusTheDefaultHundredSeconds() throws Exception {
    Map<String, Object> authInfo = MiniJson.object((String) playAuthOf().get("AuthInfo"));

    assertEquals(now.plusSeconds(100).toString(), authInfo.get("ExpireTime"));
  }

  @Test
  void expireTimeIsNowPlusTheGivenAuthInfoTimeout() throws Exception {
    Map<String, Object> authInfo = MiniJson.object((String) playAuthOf("AuthInfoTimeout", "3000").get("AuthInfo"));

    assertEquals(now.plusSeconds(3000).toString(), authInfo.get("ExpireTime"));
  }

  @Test
  void keysDifferEachTimeButTheAccountStaysTheSame() throws Exception {
    Map<String, Object> first = playAuthOf();
    Map<String, Object> second = playAuthOf();

    assertFalse(first.get("AccessKeyId").equals(second.get("AccessKeyId")));
    assertFalse(first.get("SecurityToken").equals(second.get("SecurityToken")));
    assertEquals(first.get("CustomerId"), second.get("CustomerId"));
  }

  @Test
  void theXmlFormCarriesTheSamePlayAuthStructure() throws Exception {
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "Format", "XML");
    String xml = answer.body;
    String playAuth = xml.substring(xml.indexOf("<PlayAuth>") + "<PlayAuth>".length(), xml.indexOf("</PlayAuth>"));

    assertEquals(DemoCatalogue.PLAYABLE_TITLE, object(decode(playAuth), "VideoMeta").get("Title"));
  }
}
