package dev.vodauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcSignerTest {
  /** Alibaba Cloud's published RPC signature example: ECS DescribeRegions with key testid / testsecret. */
  private static Map<String, String> describeRegions() {
    return new HashMap<>(Map.of("AccessKeyId", "testid", "Action", "DescribeRegions", "Format", "XML",
        "SignatureMethod", "HMAC-SHA1", "SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf", "SignatureVersion", "1.0",
        "Timestamp", "2016-02-23T12:46:24Z", "Version", "2014-05-26"));
  }

  @Test
  void reproducesThePublishedStringToSign() {
    assertEquals("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML"
            + "%26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"
            + "%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
        RpcSigner.stringToSign("GET", describeRegions()));
  }

  @Test
  void reproducesThePublishedSignature() {
    assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSigner.signature("GET", describeRegions(), "testsecret"));
  }

  @Test
  void signatureParameterIsLeftOutOfTheStringToSign() {
    Map<String, String> params = describeRegions();
    params.put("Signature", "anything");

    assertEquals("OLeaidS1JvxuMvnyHOwuJ+uX5qY=", RpcSigner.signature("GET", params, "testsecret"));
  }

  @Test
  void percentEncodingFollowsRfc3986() {
    assertEquals("a%20b%2Ac~d-e_f.g%2Fh%3Di%26j%2Bk", RpcSigner.percentEncode("a b*c~d-e_f.g/h=i&j+k"));
    assertEquals("%E9%98%BF%E9%87%8C%E4%BA%91", RpcSigner.percentEncode("阿里云"));
  }

  @Test
  void agreesWithTheTestClientsIndependentSigner() {
    Map<String, String> params = describeRegions();
    params.put("Title", "西湖 *春天* ~ 100%");

    assertEquals(RpcTestClient.sign("POST", params, "s3cret").get("Signature"),
        RpcSigner.signature("POST", params, "s3cret"));
  }
}
