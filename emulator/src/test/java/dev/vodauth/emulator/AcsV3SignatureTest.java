package dev.vodauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What only the V3 signature has: the documentation's worked examples, its header rules, its recorded form. */
@Timeout(30)
class AcsV3SignatureTest {
  private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String SIGNED_HEADERS =
      "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";
  // The worked example of Alibaba Cloud's "V3 request structure and signature" page
  // (help.aliyun.com/zh/resource-management/common-parameters, the Authorization example): key YourAccessKeyId /
  // YourAccessKeySecret, POST /?ImageId=...&RegionId=cn-shanghai to ecs.cn-shanghai.aliyuncs.com, RunInstances.
  private static final String DOC_SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
  private static final String DOC_DATE = "2023-10-26T10:22:32Z";
  private static final String DOC_NONCE = "3156853299f313e23d1673dc12e1703d";
  // The same request in the ROA page's example (help.aliyun.com/zh/model-studio/roa-style-request-body-signature-
  // mechanism): the common-header table's x-acs-date and nonce.
  private static final String DOC_SIGNATURE_2 = "e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804";
  private static final String DOC_DATE_2 = "2023-10-26T09:01:01Z";
  private static final String DOC_NONCE_2 = "d410180a5abf7fe235dd9b74aca91fc0";

  private VodEmulator emulator;
  private V3TestClient client;

  @BeforeEach
  void setUp() throws IOException {
    emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start();
    client = new V3TestClient(emulator);
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  private static SortedMap<String, String> docHeaders(String date, String nonce) {
    SortedMap<String, String> headers = new TreeMap<>();
    headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
    headers.put("x-acs-action", "RunInstances");
    headers.put("x-acs-content-sha256", EMPTY_SHA256);
    headers.put("x-acs-date", date);
    headers.put("x-acs-signature-nonce", nonce);
    headers.put("x-acs-version", "2014-05-26");
    return headers;
  }

  private static Map<String, String> docQuery() {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
    query.put("RegionId", "cn-shanghai");
    return query;
  }

  @Test
  void ownSignerReproducesTheDocumentationsWorkedExamples() {
    assertEquals(DOC_SIGNATURE, V3TestClient.signature("POST", "/", docQuery(), docHeaders(DOC_DATE, DOC_NONCE),
        new byte[0], "YourAccessKeySecret"));
    assertEquals(DOC_SIGNATURE_2, V3TestClient.signature("POST", "/", docQuery(),
        docHeaders(DOC_DATE_2, DOC_NONCE_2), new byte[0], "YourAccessKeySecret"));
  }

  @Test
  void emulatorVerifiesTheDocumentationsRequestByteForByte() throws Exception {
    emulator.addAccessKey("YourAccessKeyId", "YourAccessKeySecret")
        .setClock(Clock.fixed(Instant.parse(DOC_DATE), ZoneOffset.UTC));

    String raw = exchange(docRequest(DOC_SIGNATURE));

    // An ECS action and version: the emulator refuses the call, but only after reading the signature as valid.
    assertTrue(raw.startsWith("HTTP/1.1 400 "), raw);
    assertTrue(raw.contains("\"Code\":\"InvalidVersion\""), raw);
    RecordedVodRequest request = emulator.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request);
    assertTrue(request.signatureValid());
    assertEquals("ACS3-HMAC-SHA256", request.signatureAlgorithm());
    assertEquals("RunInstances", request.action());
    assertEquals("YourAccessKeyId", request.accessKeyId());
    assertEquals("cn-shanghai", request.parameter("RegionId"));
  }

  @Test
  void emulatorRejectsTheDocumentationsRequestWithOneDigitChanged() throws Exception {
    emulator.addAccessKey("YourAccessKeyId", "YourAccessKeySecret")
        .setClock(Clock.fixed(Instant.parse(DOC_DATE), ZoneOffset.UTC));

    exchange(docRequest(DOC_SIGNATURE.replace("06563a9e", "06563a9f")));

    assertFalse(emulator.takeRequest(5, TimeUnit.SECONDS).signatureValid());
  }

  private static String docRequest(String signature) {
    return "POST /?ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai HTTP/1.1\r\n"
        + "Host: ecs.cn-shanghai.aliyuncs.com\r\n"
        + "Authorization: ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=" + SIGNED_HEADERS
        + ",Signature=" + signature + "\r\n"
        + "x-acs-action: RunInstances\r\n"
        + "x-acs-content-sha256: " + EMPTY_SHA256 + "\r\n"
        + "x-acs-date: " + DOC_DATE + "\r\n"
        + "x-acs-signature-nonce: " + DOC_NONCE + "\r\n"
        + "x-acs-version: 2014-05-26\r\n"
        + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private static V3TestClient.Request playAuth() {
    V3TestClient.Request request = new V3TestClient.Request();
    request.action = "GetVideoPlayAuth";
    request.params.put("VideoId", DemoCatalogue.PLAYABLE);
    return request;
  }

  @Test
  void recordsTheHeadersCommonValuesUnderTheirClassicNames() throws Exception {
    emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
    V3TestClient.Request request = playAuth();
    request.accessKeyId = "STS.emulator";
    request.accessKeySecret = "sts-secret";
    request.securityToken = "token-1";

    assertEquals(200, client.send(request).status);

    RecordedVodRequest recorded = emulator.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("GetVideoPlayAuth", recorded.action());
    assertEquals("STS.emulator", recorded.accessKeyId());
    assertEquals("token-1", recorded.securityToken());
    assertEquals(request.nonce, recorded.parameter("SignatureNonce"));
    assertEquals(DemoCatalogue.PLAYABLE, recorded.parameter("VideoId"));
    assertTrue(recorded.signatureValid());
  }

  @Test
  void authorizationWithoutItsPartsIsAnIncompleteSignature() throws Exception {
    V3TestClient.Request request = playAuth();
    request.authorizationOverride = "ACS3-HMAC-SHA256 Credential=emulator-key-id,Signature=00";

    RpcTestClient.Answer answer = client.send(request);

    assertEquals(400, answer.status);
    assertEquals("IncompleteSignature", answer.code());
  }

  @Test
  void otherV3AlgorithmIsRefusedAsAnUnsupportedMethod() throws Exception {
    V3TestClient.Request request = playAuth();
    request.authorizationOverride = "ACS3-HMAC-SM3 Credential=emulator-key-id,SignedHeaders=host,Signature=00";

    RpcTestClient.Answer answer = client.send(request);

    assertEquals(400, answer.status);
    assertEquals("InvalidSignatureMethod", answer.code());
  }

  @Test
  void missingCommonHeaderIsNamed() throws Exception {
    V3TestClient.Request request = playAuth();
    request.omittedHeader = "x-acs-date";

    RpcTestClient.Answer answer = client.send(request);

    assertEquals(400, answer.status);
    assertEquals("MissingParameter", answer.code());
    assertTrue(((String) answer.json().get("Message")).contains("\"x-acs-date\""), answer.body);
  }

  @Test
  void securityTokenSentButNotSignedIsAnIncompleteSignature() throws Exception {
    emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
    V3TestClient.Request request = playAuth();
    request.accessKeyId = "STS.emulator";
    request.accessKeySecret = "sts-secret";
    request.unsignedHeaders.put("x-acs-security-token", "token-1");

    RpcTestClient.Answer answer = client.send(request);

    assertEquals(400, answer.status);
    assertEquals("IncompleteSignature", answer.code());
    assertTrue(((String) answer.json().get("Message")).contains("x-acs-security-token"), answer.body);
  }

  @Test
  void formatInTheQueryStillChoosesXml() throws Exception {
    V3TestClient.Request request = playAuth();
    request.params.put("Format", "XML");

    RpcTestClient.Answer answer = client.send(request);

    assertEquals(200, answer.status, answer.body);
    assertTrue(answer.body.contains("<GetVideoPlayAuthResponse>"), answer.body);
  }

  /** Sends raw bytes on a new connection and reads until the server closes it. */
  private String exchange(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream received = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        received.write(buffer, 0, n);
      }
      return received.toString(StandardCharsets.UTF_8);
    }
  }
}
