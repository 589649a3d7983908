package dev.vodauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;

@Timeout(30)
class VodEmulatorTest {
  private static final String UUID_UPPER = "[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}";

  private VodEmulator emulator;
  private RpcTestClient client;

  @BeforeEach
  void setUp() throws IOException {
    emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start();
    client = new RpcTestClient(emulator);
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  private RecordedVodRequest taken() throws InterruptedException {
    RecordedVodRequest request = emulator.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(request, "no request recorded");
    return request;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Map<String, Object> json, String name) {
    return (Map<String, Object>) json.get(name);
  }

  private static void assertError(RpcTestClient.Answer answer, int status, String code) {
    assertEquals(status, answer.status, answer.body);
    Map<String, Object> json = answer.json();
    assertEquals(code, json.get("Code"), answer.body);
    assertEquals("vod.cn-shanghai.aliyuncs.com", json.get("HostId"));
    assertTrue(((String) json.get("RequestId")).matches(UUID_UPPER), answer.body);
    assertNotNull(json.get("Message"));
    assertNotNull(json.get("Recommend"));
  }

  private static Document xml(String body) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static String text(Document document, String tag) {
    return document.getElementsByTagName(tag).item(0).getTextContent();
  }

  @Test
  void signedGetForPlayAuthIsAnsweredFromTheCatalogue() throws Exception {
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);

    assertEquals(200, answer.status, answer.body);
    assertEquals("application/json;charset=utf-8", answer.contentType);
    Map<String, Object> json = answer.json();
    assertTrue(((String) json.get("RequestId")).matches(UUID_UPPER));
    Map<String, Object> meta = object(json, "VideoMeta");
    assertEquals(DemoCatalogue.PLAYABLE, meta.get("VideoId"));
    assertEquals(DemoCatalogue.PLAYABLE_TITLE, meta.get("Title"));
    assertEquals(135.6, meta.get("Duration"));
    assertEquals("Normal", meta.get("Status"));
    assertNotNull(meta.get("CoverURL"));
    Base64.getDecoder().decode((String) json.get("PlayAuth"));

    RecordedVodRequest request = taken();
    assertEquals("GET", request.method());
    assertEquals("/", request.path());
    assertEquals("GetVideoPlayAuth", request.action());
    assertEquals(DemoCatalogue.PLAYABLE, request.parameter("VideoId"));
    assertEquals(VodEmulator.EMULATOR_ACCESS_KEY_ID, request.accessKeyId());
    assertTrue(request.signatureValid());
    assertNull(request.failure());
    assertEquals(200, request.status());
    assertEquals(json.get("RequestId"), request.requestId());
  }

  @Test
  void signedFormPostForPlayAuthIsAccepted() throws Exception {
    RpcTestClient.Answer answer = client.post("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE,
        "AuthInfoTimeout", "3000");

    assertEquals(200, answer.status, answer.body);
    RecordedVodRequest request = taken();
    assertEquals("POST", request.method());
    assertEquals("3000", request.parameter("AuthInfoTimeout"));
    assertTrue(request.signatureValid());
  }

  @Test
  void postWithCommonParametersInQueryAndTheRestInTheBodyIsAccepted() throws Exception {
    Map<String, String> all = client.sign("POST", client.params("RefreshUploadVideo", "VideoId", DemoCatalogue.PLAYABLE));
    Map<String, String> body = new LinkedHashMap<>();
    body.put("VideoId", all.remove("VideoId"));

    RpcTestClient.Answer answer = client.sendSplitPost(all, body);

    assertEquals(200, answer.status, answer.body);
    assertEquals(DemoCatalogue.PLAYABLE, taken().parameter("VideoId"));
  }

  @Test
  void playAuthIsDifferentEachTime() throws Exception {
    Object first = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE).json().get("PlayAuth");
    Object second = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE).json().get("PlayAuth");

    assertNotEquals(first, second);
  }

  @Test
  void refreshUploadVideoAnswersDecodableUploadAuthAndAddress() throws Exception {
    RpcTestClient.Answer answer = client.get("RefreshUploadVideo", "VideoId", DemoCatalogue.NOT_YET_PLAYABLE);

    assertEquals(200, answer.status, answer.body);
    Map<String, Object> json = answer.json();
    assertEquals(DemoCatalogue.NOT_YET_PLAYABLE, json.get("VideoId"));
    Map<String, Object> auth = MiniJson.object(
        new String(Base64.getDecoder().decode((String) json.get("UploadAuth")), StandardCharsets.UTF_8));
    assertEquals(6, auth.size(), auth.toString());
    assertTrue(((String) auth.get("AccessKeyId")).startsWith("STS."));
    assertFalse(((String) auth.get("AccessKeySecret")).isEmpty());
    assertFalse(((String) auth.get("SecurityToken")).isEmpty());
    assertTrue(((String) auth.get("ExpireUTCTime")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertEquals("3600", auth.get("Expiration"));
    assertEquals("cn-shanghai", auth.get("Region"));
    Map<String, Object> address = MiniJson.object(
        new String(Base64.getDecoder().decode((String) json.get("UploadAddress")), StandardCharsets.UTF_8));
    assertEquals("https://oss-cn-shanghai.aliyuncs.com", address.get("Endpoint"));
    assertTrue(((String) address.get("Bucket")).startsWith("outin-"));
    assertTrue(((String) address.get("FileName")).matches("sv/[0-9a-f-]+/[0-9a-f-]+\\.mp4"));
  }

  @Test
  void createUploadVideoCreatesAnUploadingVideoThatTheOtherActionsSee() throws Exception {
    RpcTestClient.Answer answer = client.get("CreateUploadVideo", "Title", "西湖", "FileName", "lake.MOV", "Tags", "a,b",
        "UserData", "{\"Extend\":{\"CreatedBy\":\"alice\"}}");

    assertEquals(200, answer.status, answer.body);
    Map<String, Object> json = answer.json();
    String videoId = (String) json.get("VideoId");
    assertTrue(videoId.matches("[0-9a-f]{32}"), videoId);
    assertTrue(json.containsKey("UploadAuth") && json.containsKey("UploadAddress") && json.containsKey("RequestId"), json.toString());
    assertEquals(VideoStatus.UPLOADING, emulator.video(videoId).status());
    assertEquals("{\"Extend\":{\"CreatedBy\":\"alice\"}}", emulator.video(videoId).userData());
    assertEquals(200, client.get("RefreshUploadVideo", "VideoId", videoId).status);
    assertError(client.get("GetVideoPlayAuth", "VideoId", videoId), 403, "Forbidden.IllegalStatus");
    RpcTestClient.Answer info = client.get("GetVideoInfo", "VideoId", videoId);
    assertEquals(200, info.status, info.body);
    Map<String, Object> video = object(info.json(), "Video");
    assertEquals("a,b", video.get("Tags"));
    assertEquals("Uploading", video.get("Status"));
    assertFalse(video.containsKey("UserData"), "VOD answers UserData in no API");
  }

  /** What an OSS stand-in checks an upload against is exactly what the answers carried, to the configured endpoint. */
  @Test
  void eachUploadCredentialAnsweredIsRecordedAndNamesTheConfiguredEndpoint() throws Exception {
    emulator.uploadEndpoint("http://127.0.0.1:9");
    Map<String, Object> created = client.get("CreateUploadVideo", "Title", "t", "FileName", "a.mp4").json();
    Map<String, Object> refreshed = client.get("RefreshUploadVideo", "VideoId", (String) created.get("VideoId")).json();

    List<UploadCredential> issued = emulator.uploadCredentials();
    assertEquals(2, issued.size());
    for (int i = 0; i < 2; i++) {
      Map<String, Object> answer = i == 0 ? created : refreshed;
      Map<String, Object> auth = MiniJson.object(
          new String(Base64.getDecoder().decode((String) answer.get("UploadAuth")), StandardCharsets.UTF_8));
      Map<String, Object> address = MiniJson.object(
          new String(Base64.getDecoder().decode((String) answer.get("UploadAddress")), StandardCharsets.UTF_8));
      UploadCredential credential = issued.get(i);
      assertEquals(answer.get("VideoId"), credential.videoId());
      assertEquals(auth.get("AccessKeyId"), credential.accessKeyId());
      assertEquals(auth.get("AccessKeySecret"), credential.accessKeySecret());
      assertEquals(auth.get("SecurityToken"), credential.securityToken());
      assertEquals("http://127.0.0.1:9", address.get("Endpoint"));
      assertEquals(address.get("Bucket"), credential.bucket());
      assertEquals(address.get("FileName"), credential.fileName());
      assertFalse(credential.toString().contains(credential.accessKeySecret()), "no secret in toString");
    }
    assertNotEquals(issued.get(0).accessKeyId(), issued.get(1).accessKeyId(), "a refresh answers new keys");
  }

  @Test
  void createUploadVideoNeedsATitleAndAFileNameWithAnExtension() throws Exception {
    assertError(client.get("CreateUploadVideo", "FileName", "a.mp4"), 400, "MissingParameter");
    assertError(client.get("CreateUploadVideo", "Title", "t"), 400, "MissingParameter");
    assertError(client.get("CreateUploadVideo", "Title", "t", "FileName", "noextension"), 400, "InvalidParameter");
    assertError(client.get("GetVideoInfo", "VideoId", "ffffffffffffffffffffffffffffffff"), 404, "InvalidVideo.NotFound");
  }

  @Test
  void refreshUploadVideoByFormPostIsAccepted() throws Exception {
    RpcTestClient.Answer answer = client.post("RefreshUploadVideo", "VideoId", DemoCatalogue.PLAYABLE);

    assertEquals(200, answer.status, answer.body);
    assertEquals(DemoCatalogue.PLAYABLE, answer.json().get("VideoId"));
  }

  @Test
  void xmlFormatAnswersTheApisXmlWithTheChineseTitleIntact() throws Exception {
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "Format", "XML");

    assertEquals(200, answer.status, answer.body);
    assertTrue(answer.contentType.startsWith("text/xml"), answer.contentType);
    Document document = xml(answer.body);
    assertEquals("GetVideoPlayAuthResponse", document.getDocumentElement().getTagName());
    assertEquals(DemoCatalogue.PLAYABLE_TITLE, text(document, "Title"));
    assertEquals("Normal", text(document, "Status"));
    assertFalse(text(document, "PlayAuth").isEmpty());
  }

  @Test
  void xmlErrorsUseTheErrorElement() throws Exception {
    RpcTestClient.Answer answer = client.get("RefreshUploadVideo", "VideoId", DemoCatalogue.UNKNOWN, "Format", "XML");

    assertEquals(404, answer.status);
    Document document = xml(answer.body);
    assertEquals("Error", document.getDocumentElement().getTagName());
    assertEquals("InvalidVideo.NotFound", text(document, "Code"));
    assertEquals("The video not exist.", text(document, "Message"));
    assertEquals("vod.cn-shanghai.aliyuncs.com", text(document, "HostId"));
    assertTrue(text(document, "RequestId").matches(UUID_UPPER));
    assertTrue(text(document, "Recommend").contains("InvalidVideo.NotFound"));
  }

  @Test
  void titlesWithQuotesAndMarkupAreEscapedInJsonAndXml() throws Exception {
    String title = "\"引号\" <b>&</b> back\\slash\ttab\n换行";
    emulator.addVideo(Video.of("ffffffffffffffffffffffffffffff01", VideoStatus.NORMAL).withTitle(title));

    RpcTestClient.Answer json = client.get("GetVideoPlayAuth", "VideoId", "ffffffffffffffffffffffffffffff01");
    RpcTestClient.Answer xml = client.get("GetVideoPlayAuth", "VideoId", "ffffffffffffffffffffffffffffff01",
        "Format", "XML");

    assertEquals(title, object(json.json(), "VideoMeta").get("Title"));
    assertEquals(title, text(xml(xml.body), "Title"));
  }

  @Test
  void wrongSignatureIsRefused() throws Exception {
    Map<String, String> params = RpcTestClient.sign("GET", client.params("GetVideoPlayAuth", "VideoId",
        DemoCatalogue.PLAYABLE), "not-the-secret");

    RpcTestClient.Answer answer = client.sendGet(params);

    assertError(answer, 400, "SignatureDoesNotMatch");
    assertEquals("Specified signature is not matched with our calculation.", answer.json().get("Message"));
    RecordedVodRequest request = taken();
    assertFalse(request.signatureValid());
    assertEquals("SignatureDoesNotMatch", request.failure());
    assertEquals(400, request.status());
  }

  @Test
  void parameterChangedAfterSigningIsRefused() throws Exception {
    Map<String, String> params = client.sign("GET", client.params("GetVideoPlayAuth", "VideoId",
        DemoCatalogue.PLAYABLE));
    params.put("VideoId", DemoCatalogue.BLOCKED);

    assertError(client.sendGet(params), 400, "SignatureDoesNotMatch");
  }

  @Test
  void staleTimestampIsRefused() throws Exception {
    emulator.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(16)));

    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);

    assertError(answer, 400, "InvalidTimeStamp.Expired");
    assertTrue(taken().signatureValid());
  }

  @Test
  void timestampWithinFifteenMinutesIsAccepted() throws Exception {
    emulator.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-14)));

    assertEquals(200, client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE).status);
  }

  @Test
  void badlyFormattedTimestampIsRefused() throws Exception {
    Map<String, String> params = client.params("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    params.put("Timestamp", "2024-02-30 10:00:00");

    assertError(client.sendGet(client.sign("GET", params)), 400, "InvalidTimeStamp.Format");
  }

  @Test
  void reusedNonceIsRefused() throws Exception {
    Map<String, String> params = client.sign("GET", client.params("GetVideoPlayAuth", "VideoId",
        DemoCatalogue.PLAYABLE));

    RpcTestClient.Answer first = client.sendGet(params);
    RpcTestClient.Answer replay = client.sendGet(params);

    assertEquals(200, first.status);
    assertError(replay, 400, "SignatureNonceUsed");
  }

  @Test
  void sameNonceUnderAnotherKeyIsAccepted() throws Exception {
    emulator.addAccessKey("second-key", "second-secret");
    Map<String, String> params = client.params("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    Map<String, String> other = new LinkedHashMap<>(params);
    other.put("AccessKeyId", "second-key");

    assertEquals(200, client.sendGet(client.sign("GET", params)).status);
    assertEquals(200, client.sendGet(RpcTestClient.sign("GET", other, "second-secret")).status);
  }

  @Test
  void unknownAccessKeyIsRefused() throws Exception {
    client.withKey("nobody", "nothing", null);

    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);

    assertError(answer, 404, "InvalidAccessKeyId.NotFound");
    assertFalse(taken().signatureValid());
  }

  @Test
  void removedAccessKeyIsRefusedAsNotFound() throws Exception {
    assertEquals(200, client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE).status);

    emulator.removeAccessKey(VodEmulator.EMULATOR_ACCESS_KEY_ID);

    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE), 404,
        "InvalidAccessKeyId.NotFound");
  }

  @Test
  void stsKeyWithItsTokenIsAccepted() throws Exception {
    emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
    client.withKey("STS.emulator", "sts-secret", "token-1");

    assertEquals(200, client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE).status);
    assertEquals("token-1", taken().securityToken());
  }

  @Test
  void stsKeyWithAnotherTokenIsRefused() throws Exception {
    emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
    client.withKey("STS.emulator", "sts-secret", "token-2");

    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE), 400,
        "InvalidSecurityToken.MismatchWithAccessKey");
  }

  @Test
  void stsKeyWithoutTokenIsRefused() throws Exception {
    emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
    client.withKey("STS.emulator", "sts-secret", null);

    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE), 400,
        "InvalidSecurityToken.MismatchWithAccessKey");
  }

  @Test
  void expiredSecurityTokenIsRefused() throws Exception {
    emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
    client.withKey("STS.emulator", "sts-secret", "token-1");
    emulator.expireSecurityToken("token-1");

    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE), 400,
        "InvalidSecurityToken.Expired");
  }

  @Test
  void missingVideoIdIsRefused() throws Exception {
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth");

    assertError(answer, 400, "MissingParameter");
    assertEquals("The input parameter \"VideoId\" that is mandatory for processing this request is not supplied.",
        answer.json().get("Message"));
    assertError(client.post("RefreshUploadVideo"), 400, "MissingParameter");
  }

  @Test
  void missingCommonParameterIsRefusedFirst() throws Exception {
    Map<String, String> params = client.params("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    params.remove("SignatureNonce");
    params.put("Version", "2014-05-26");

    RpcTestClient.Answer answer = client.sendGet(client.sign("GET", params));

    assertError(answer, 400, "MissingParameter");
    assertTrue(((String) answer.json().get("Message")).contains("\"SignatureNonce\""));
  }

  @Test
  void unsignedRequestIsRefusedForItsMissingSignature() throws Exception {
    RpcTestClient.Answer answer = client.sendGet(client.params("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE));

    assertError(answer, 400, "MissingParameter");
    assertFalse(taken().signatureValid());
  }

  @Test
  void otherApiVersionIsRefused() throws Exception {
    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "Version", "2014-05-26"), 400,
        "InvalidVersion");
  }

  @Test
  void otherSignatureMethodIsRefused() throws Exception {
    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "SignatureMethod", "HMAC-SHA256"),
        400, "InvalidSignatureMethod");
  }

  @Test
  void unknownActionIsRefused() throws Exception {
    assertError(client.get("DeleteVideo", "VideoIds", DemoCatalogue.PLAYABLE), 404, "InvalidAction.NotFound");
  }

  @Test
  void authInfoTimeoutOutsideItsRangeIsRefused() throws Exception {
    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "AuthInfoTimeout", "3001"), 400,
        "InvalidParameter");
    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "AuthInfoTimeout", "99"), 400,
        "InvalidParameter");
    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "AuthInfoTimeout", "1.5e2"), 400,
        "InvalidParameter");
    assertEquals(200, client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "AuthInfoTimeout", "100")
        .status);
  }

  @Test
  void unknownVideoIsNotFoundWithEachOperationsMessage() throws Exception {
    RpcTestClient.Answer play = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.UNKNOWN);
    RpcTestClient.Answer refresh = client.get("RefreshUploadVideo", "VideoId", DemoCatalogue.UNKNOWN);

    assertError(play, 404, "InvalidVideo.NotFound");
    assertEquals("The video does not exist.", play.json().get("Message"));
    assertError(refresh, 404, "InvalidVideo.NotFound");
    assertEquals("The video not exist.", refresh.json().get("Message"));
  }

  @Test
  void videoThatIsNotNormalHasAnIllegalStatus() throws Exception {
    RpcTestClient.Answer uploading = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.NOT_YET_PLAYABLE);

    assertError(uploading, 403, "Forbidden.IllegalStatus");
    assertEquals("Status of the video is illegal.", uploading.json().get("Message"));
    assertError(client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.BLOCKED), 403, "Forbidden.IllegalStatus");
    assertEquals("Forbidden.IllegalStatus", taken().failure());
  }

  @Test
  void damagedVideoCannotBeRefreshed() throws Exception {
    RpcTestClient.Answer answer = client.post("RefreshUploadVideo", "VideoId", DemoCatalogue.DAMAGED);

    assertError(answer, 400, "InvalidVideo.Damaged");
    assertEquals("The video has been Damaged.", answer.json().get("Message"));
  }

  @Test
  void scriptedThrottlingIsSentWithStatus400ThenTheCatalogueAnswersAgain() throws Exception {
    emulator.enqueue(ScriptedResponse.throttling());

    RpcTestClient.Answer throttled = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    RpcTestClient.Answer next = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);

    assertError(throttled, 400, "Throttling.User");
    assertEquals(200, next.status);
    RecordedVodRequest request = taken();
    assertEquals("Throttling.User", request.failure());
    assertTrue(request.signatureValid());
  }

  @Test
  void scriptedErrorIsAnsweredInTheRequestedFormat() throws Exception {
    emulator.enqueue(ScriptedResponse.error(503, "ServiceUnavailable", "Try again <later> & again."));

    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "Format", "XML");

    assertEquals(503, answer.status);
    assertEquals("ServiceUnavailable", text(xml(answer.body), "Code"));
    assertEquals("Try again <later> & again.", text(xml(answer.body), "Message"));
  }

  @Test
  void scriptedDelayHoldsTheAnswerBack() throws Exception {
    emulator.enqueue(ScriptedResponse.normal().withDelay(400, TimeUnit.MILLISECONDS));

    long start = System.nanoTime();
    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertEquals(200, answer.status);
    assertTrue(elapsedMillis >= 400, "answered after " + elapsedMillis + " ms");
  }

  @Test
  void disconnectAtStartClosesWithoutAnswering() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.DISCONNECT_AT_START));

    // POST: java.net.http silently retries an idempotent GET once when the connection drops.
    assertThrows(IOException.class, () -> client.post("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE));

    RecordedVodRequest request = taken();
    assertEquals(0, request.status());
    assertEquals(SocketEffect.DISCONNECT_AT_START, request.effect());
    assertNull(request.failure());
  }

  @Test
  void disconnectLeavesTheNonceUnusedSoTheSameRequestCanBeRetried() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.DISCONNECT_AT_START));
    Map<String, String> params = client.sign("POST", client.params("GetVideoPlayAuth", "VideoId",
        DemoCatalogue.PLAYABLE));

    assertThrows(IOException.class, () -> client.sendPost(params));

    assertEquals(200, client.sendPost(params).status);
    assertEquals(2, emulator.requestCount());
  }

  @Test
  void truncatedBodyEndsBeforeItsContentLength() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_BODY));
    String request = "GET /?" + RpcTestClient.form(client.sign("GET", client.params("GetVideoPlayAuth", "VideoId",
        DemoCatalogue.PLAYABLE))) + " HTTP/1.1\r\nHost: " + emulator.endpoint() + "\r\n\r\n";

    String raw = exchange(request);

    int headEnd = raw.indexOf("\r\n\r\n");
    assertTrue(raw.startsWith("HTTP/1.1 200 OK\r\n"), raw);
    int declared = Integer.parseInt(raw.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
    int received = raw.substring(headEnd + 4).getBytes(StandardCharsets.UTF_8).length;
    assertEquals(declared / 2, received);
    assertEquals(0, taken().status());
  }

  @Test
  void truncatedBodyFailsAnHttpClient() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_BODY));

    assertThrows(IOException.class, () -> client.post("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE));
  }

  @Test
  void truncatedJsonIsACompleteResponseWithHalfABody() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_JSON));

    RpcTestClient.Answer answer = client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);

    assertEquals(200, answer.status);
    assertTrue(answer.body.startsWith("{\"RequestId\":\""), answer.body);
    assertThrows(IllegalArgumentException.class, () -> MiniJson.object(answer.body));
    assertEquals(200, taken().status());
    assertEquals(200, client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE).status);
  }

  @Test
  void stalledRequestTimesOutAndCloseFreesTheServerThread() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.STALL));
    client.withTimeout(Duration.ofMillis(300));

    assertThrows(HttpTimeoutException.class,
        () -> client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE));
    assertEquals(SocketEffect.STALL, taken().effect());
    // MockWebServer's threads take the name of the task they run: the stalled one is among these.
    List<Thread> serverThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("MockWebServer")).collect(Collectors.toList());
    assertFalse(serverThreads.isEmpty(), "no server thread found");

    long start = System.nanoTime();
    emulator.close();
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2), "close() took too long");
    assertTrue(allEnd(serverThreads), "server threads left running");
  }

  @Test
  void closeFreesAStallEvenWhileTheClientKeepsWaiting() throws Exception {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.STALL));
    try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
      socket.getOutputStream().write(("GET /?Action=GetVideoPlayAuth HTTP/1.1\r\nHost: x\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertNotNull(taken());

      emulator.close();

      socket.setSoTimeout(5000);
      assertEquals(-1, socket.getInputStream().read());
    }
  }

  private static boolean allEnd(List<Thread> threads) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < deadline) {
      boolean alive = threads.stream().anyMatch(Thread::isAlive);
      if (!alive) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Test
  void takeRequestReturnsRequestsInOrderAndNullWhenThereAreNoMore() throws Exception {
    client.get("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
    client.post("RefreshUploadVideo", "VideoId", DemoCatalogue.PLAYABLE);

    assertEquals(2, emulator.requestCount());
    assertEquals("GetVideoPlayAuth", taken().action());
    assertEquals("RefreshUploadVideo", taken().action());
    assertNull(emulator.takeRequest(50, TimeUnit.MILLISECONDS));
  }

  @Test
  void requestCountIsZeroBeforeAnyRequest() {
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void keepAliveConnectionServesSeveralRequests() throws Exception {
    StringBuilder requests = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      requests.append("GET /?").append(RpcTestClient.form(client.sign("GET", client.params("GetVideoPlayAuth",
          "VideoId", DemoCatalogue.PLAYABLE)))).append(" HTTP/1.1\r\nHost: h\r\n\r\n");
    }
    requests.append("GET /?Action=GetVideoPlayAuth HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");

    String raw = exchange(requests.toString());

    assertEquals(4, raw.split("HTTP/1.1 ", -1).length - 1, raw);
    assertEquals(3, raw.split("HTTP/1.1 200 OK", -1).length - 1, raw);
    assertEquals(4, emulator.requestCount());
  }

  @Test
  void unreadableRequestIsCountedAndClosedWithoutAnAnswer() throws Exception {
    String raw = exchange("NONSENSE\r\n\r\n");

    assertEquals("", raw);
    assertEquals(1, emulator.requestCount());
    assertNull(emulator.takeRequest(50, TimeUnit.MILLISECONDS));
  }

  @Test
  void badPercentEscapesAreDecodedLeniently() throws Exception {
    String raw = exchange("GET /?Action=Get%ZZVideo&VideoId=%E4%B8%AD%2 HTTP/1.1\r\nHost: h\r\nConnection: close"
        + "\r\n\r\n");

    assertTrue(raw.startsWith("HTTP/1.1 400 "), raw);
    RecordedVodRequest request = taken();
    assertEquals("Get%ZZVideo", request.action());
    assertEquals("中%2", request.parameter("VideoId"));
    assertEquals("MissingParameter", request.failure());
  }

  @Test
  void endpointIsLoopbackWithThePort() {
    assertEquals("127.0.0.1:" + emulator.port(), emulator.endpoint());
    assertTrue(emulator.port() > 0);
  }

  @Test
  void endpointBeforeStartIsAnError() {
    try (VodEmulator unstarted = new VodEmulator()) {
      assertThrows(IllegalStateException.class, unstarted::endpoint);
    }
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
