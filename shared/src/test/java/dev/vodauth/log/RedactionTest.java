package dev.vodauth.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void signedUrlLosesItsQuery() {
    String sdkMessage = "Server unreachable: connection https://vod.cn-shanghai.aliyuncs.com/?AccessKeyId=KEYID123&SecurityToken=TOKEN456&Signature=abc failed";

    String clean = Redaction.clean(sdkMessage);

    assertEquals("Server unreachable: connection https://vod.cn-shanghai.aliyuncs.com/?[redacted] failed", clean);
  }

  @Test
  void stringToSignIsCut() {
    String vodMessage = "Specified signature is not matched with our calculation. server string to sign is:POST&%2F&AccessKeyId%3DKEYID123";

    String clean = Redaction.clean(vodMessage);

    assertFalse(clean.contains("KEYID123"), clean);
  }

  @Test
  void keyValueSecretsAreCut() {
    String clean = Redaction.clean("{\"AccessKeySecret\": \"s3cr3t\", \"SecurityToken\":\"tok\", \"PlayAuth\":\"pa\"}");

    assertFalse(clean.contains("s3cr3t"), clean);
    assertFalse(clean.contains("tok\""), clean);
    assertFalse(clean.contains("\"pa\""), clean);
  }
}
