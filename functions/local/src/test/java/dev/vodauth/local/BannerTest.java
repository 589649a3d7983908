package dev.vodauth.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vodauth.config.Config;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The banner's line naming the VOD the runner calls when it has keys. */
class BannerTest {
  @Test
  void defaultEndpointIsTheRealVod() {
    assertEquals("VOD: the real ApsaraVideo VOD, region cn-beijing, endpoint vod.cn-beijing.aliyuncs.com (HTTPS),"
        + " keys from ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
        Banner.vodLine(Config.from(Map.of("VOD_REGION", "cn-beijing")), true));
  }

  @Test
  void loopbackEndpointIsNamedAndNotCalledTheRealVod() {
    String line = Banner.vodLine(Config.from(Map.of("VOD_ENDPOINT", "127.0.0.1:9000")), false);

    assertEquals("VOD: the endpoint 127.0.0.1:9000 from VOD_ENDPOINT (HTTP to a loopback address, e.g. a standalone"
        + " emulator: not Alibaba Cloud), region cn-shanghai, keys from ALIBABA_CLOUD_ACCESS_KEY_ID /"
        + " ALIBABA_CLOUD_ACCESS_KEY_SECRET.", line);
    assertFalse(line.contains("real"), line);
  }

  @Test
  void otherHttpsEndpointIsNamedAsSet() {
    assertEquals("VOD: the endpoint vod.example.internal from VOD_ENDPOINT (HTTPS), region cn-shanghai, keys from"
        + " ALIBABA_CLOUD_ACCESS_KEY_ID / ALIBABA_CLOUD_ACCESS_KEY_SECRET.",
        Banner.vodLine(Config.from(Map.of("VOD_ENDPOINT", "vod.example.internal")), true));
  }
}
