package dev.vodauth.vod;

import dev.vodauth.operation.PlayAuth;
import dev.vodauth.operation.RefreshUpload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.emulator.RecordedVodRequest;
import dev.vodauth.emulator.ScriptedResponse;
import dev.vodauth.emulator.SocketEffect;
import dev.vodauth.emulator.Video;
import dev.vodauth.emulator.VideoStatus;
import dev.vodauth.emulator.VodEmulator;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real SDK over real HTTP against the emulator: every row of DESIGN's error table. */
@Timeout(30)
class VodClientTest {
  private static final PlayAuth PLAY_AUTH = new PlayAuth(Config.from(Map.of()));
  private static final RefreshUpload REFRESH_UPLOAD = new RefreshUpload(Config.from(Map.of()));
  static final String PLAYABLE = "93ab850b4f6f44eab4b6e91d24d81d4a";
  static final String UPLOADING = "c6a23a870c8c4ffc9b2dd40cbd381330";
  static final String DAMAGED = "c6a23a870c8c4ffc9b2dd40cbd381331";
  static final String UNKNOWN = "ffffffffffffffffffffffffffffffff";

  private final VodEmulator emulator = new VodEmulator();
  private final AtomicReference<VodCredentials> keys = new AtomicReference<>(VodCredentials.of("test-key-id", "test-key-secret"));
  private final AtomicInteger invalidations = new AtomicInteger();
  private final CredentialsSource source = new CredentialsSource() {
    @Override
    public VodCredentials load() {
      return keys.get();
    }

    @Override
    public void invalidate() {
      invalidations.incrementAndGet();
    }
  };
  private VodClient client;

  @BeforeEach
  void setUp() throws Exception {
    emulator.start();
    emulator.addAccessKey("test-key-id", "test-key-secret");
    emulator.addVideo(Video.of(PLAYABLE, VideoStatus.NORMAL).withTitle("阿里云VOD").withDuration(135.6));
    emulator.addVideo(Video.of(UPLOADING, VideoStatus.UPLOADING));
    emulator.addVideo(Video.of(DAMAGED, VideoStatus.UPLOAD_FAIL).damaged());
    client = VodClient.create(config(Map.of()), source, new ObjectMapper(), new Random(7));
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  private Config config(Map<String, String> overrides) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "VOD_ENDPOINT", emulator.endpoint(),
        "VOD_READ_TIMEOUT_MS", "300",
        "VOD_RETRY_BASE_DELAY_MS", "5",
        "VOD_RETRY_MAX_DELAY_MS", "20"));
    env.putAll(overrides);
    return Config.from(env);
  }

  private static Deadline seconds(int n) {
    return Deadline.afterMillis(n * 1000L);
  }

  @Test
  void playAuthSuccessPassesVodsResponseOn() throws Exception {
    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 300), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals("阿里云VOD", answer.body().path("VideoMeta").path("Title").asText());
    assertEquals(135.6, answer.body().path("VideoMeta").path("Duration").asDouble());
    assertFalse(answer.body().path("PlayAuth").asText().isEmpty());
    assertEquals(answer.body().path("RequestId").asText(), answer.vodRequestId());
    assertEquals(1, answer.attempts());
    RecordedVodRequest request = emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("GetVideoPlayAuth", request.action());
    assertEquals("300", request.parameter("AuthInfoTimeout"));
    assertTrue(request.signatureValid());
  }

  @Test
  void refreshUploadSuccessCarriesUploadAuthAndAddress() {
    Answer answer = client.call(REFRESH_UPLOAD.call(UPLOADING), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals(UPLOADING, answer.body().path("VideoId").asText());
    assertTrue(answer.body().path("UploadAuth").isTextual());
    assertTrue(answer.body().path("UploadAddress").isTextual());
  }

  @Test
  void onlyTheValidatedParametersReachVod() throws Exception {
    client.call(REFRESH_UPLOAD.call(UPLOADING), seconds(5), null);

    RecordedVodRequest request = emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals(UPLOADING, request.parameter("VideoId"));
    assertNull(request.parameter("AuthInfoTimeout"));
    assertEquals("JSON", request.parameter("Format"));
  }

  @Test
  void unknownVideoIs404WithVodsCodeAndRequestId() {
    Answer answer = client.call(PLAY_AUTH.call(UNKNOWN, 100), seconds(5), null);

    assertEquals(404, answer.status());
    assertEquals("InvalidVideo.NotFound", answer.code());
    assertEquals("The video does not exist.", answer.message());
    assertNotNull(answer.vodRequestId());
    assertEquals(1, emulator.requestCount());
  }

  @Test
  void videoNotYetPlayableIs403IllegalStatus() {
    Answer answer = client.call(PLAY_AUTH.call(UPLOADING, 100), seconds(5), null);

    assertEquals(403, answer.status());
    assertEquals("Forbidden.IllegalStatus", answer.code());
  }

  @Test
  void damagedVideoIs400Damaged() {
    Answer answer = client.call(REFRESH_UPLOAD.call(DAMAGED), seconds(5), null);

    assertEquals(400, answer.status());
    assertEquals("InvalidVideo.Damaged", answer.code());
    assertEquals(1, emulator.requestCount());
  }

  @Test
  void throttlingSentWithStatus400IsRetriedAndClears() {
    emulator.enqueue(ScriptedResponse.throttling());
    emulator.enqueue(ScriptedResponse.throttling());

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals(3, answer.attempts());
    assertEquals(3, emulator.requestCount());
  }

  @Test
  void throttlingThatNeverClearsIs429AfterTwoRetries() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.throttling());

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(429, answer.status());
    assertEquals("Throttling.User", answer.code());
    assertEquals(3, answer.attempts());
    assertEquals(3, emulator.requestCount());
  }

  @Test
  void internalErrorIsRetriedThen502() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.internalError());

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(502, answer.status());
    assertEquals("InternalError", answer.code());
    assertEquals(3, answer.attempts());
  }

  @Test
  void serviceUnavailableIs503AndClearsOnRetry() {
    emulator.enqueue(ScriptedResponse.serviceUnavailable());

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals(2, answer.attempts());
  }

  @Test
  void serviceUnavailableThatNeverClearsIs503() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.serviceUnavailable());

    assertEquals(503, client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null).status());
  }

  @Test
  void anyOther5xxIsRetriedThen502() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.error(500, "SomethingBroke", "broken"));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(502, answer.status());
    assertEquals(3, answer.attempts());
  }

  @Test
  void otherCodesArePassedOnAs502WithoutRetry() {
    emulator.enqueue(ScriptedResponse.error(403, "Forbidden.NoPermission", "You have no permission."));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(502, answer.status());
    assertEquals("Forbidden.NoPermission", answer.code());
    assertEquals("You have no permission.", answer.message());
    assertEquals(1, answer.attempts());
  }

  @Test
  void connectionRefusedIs503() {
    String endpoint = emulator.endpoint();
    emulator.close();
    VodClient refused = VodClient.create(config(Map.of("VOD_ENDPOINT", endpoint)), source, new ObjectMapper(), new Random(1));

    Answer answer = refused.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(503, answer.status());
    assertEquals(3, answer.attempts());
    assertFalse(answer.message().contains("test-key-id"), answer.message());
  }

  @Test
  void droppedConnectionIsRetried() {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.DISCONNECT_AT_START));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals(2, answer.attempts());
  }

  @Test
  void readTimeoutIs504InsideTheDeadline() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.fault(SocketEffect.STALL));
    long started = System.nanoTime();

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), Deadline.afterMillis(2000), null);

    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(504, answer.status());
    assertEquals("VodTimeout", answer.code());
    assertEquals(3, answer.attempts());
    assertTrue(tookMillis < 2000, "took " + tookMillis + " ms");
  }

  @Test
  void shortDeadlineCutsTheReadTimeoutAndSkipsRetries() {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.STALL));
    VodClient slowReader = VodClient.create(config(Map.of("VOD_READ_TIMEOUT_MS", "10000")), source, new ObjectMapper(), new Random(1));
    long started = System.nanoTime();

    Answer answer = slowReader.call(PLAY_AUTH.call(PLAYABLE, 100), Deadline.afterMillis(400), null);

    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(504, answer.status());
    assertEquals(1, answer.attempts());
    assertTrue(tookMillis < 1000, "took " + tookMillis + " ms");
  }

  @Test
  void answerTrickledSlowerThanTheDeadlineIsCutAt504() throws Exception {
    // Each byte arrives inside the read timeout, so only a bound on the whole call stops it.
    try (java.net.ServerSocket dripping = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread server = new Thread(() -> drip(dripping), "dripping-vod");
      server.setDaemon(true);
      server.start();
      VodClient slow = VodClient.create(config(Map.of("VOD_ENDPOINT", "127.0.0.1:" + dripping.getLocalPort(),
          "VOD_READ_TIMEOUT_MS", "1000", "VOD_MAX_RETRIES", "0")), source, new ObjectMapper(), new Random(1));
      long started = System.nanoTime();

      Answer answer = slow.call(PLAY_AUTH.call(PLAYABLE, 100), Deadline.afterMillis(1500), null);

      long tookMillis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(504, answer.status());
      assertEquals("VodTimeout", answer.code());
      assertTrue(tookMillis < 1700, "took " + tookMillis + " ms");
    }
  }

  private static void drip(java.net.ServerSocket server) {
    try (java.net.Socket socket = server.accept()) {
      byte[] answer = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"RequestId\":\"R\",\"PlayAuth\":\"x\"}   "
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      for (byte b : answer) {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
        Thread.sleep(300);
      }
    } catch (Exception closed) {
      // The client gave up: the test is over.
    }
  }

  @Test
  void onlyLoopbackLiteralsCountAsLoopback() {
    assertTrue(VodClient.isLoopback("127.0.0.1:9000"));
    assertTrue(VodClient.isLoopback("localhost:9000"));
    assertTrue(VodClient.isLoopback("[::1]:9000"));
    assertFalse(VodClient.isLoopback("127.evil.example"));
    assertFalse(VodClient.isLoopback("127.0.0.1.evil.example:443"));
    assertFalse(VodClient.isLoopback("vod.cn-shanghai.aliyuncs.com"));
  }

  @Test
  void truncatedBodyDoesNotHangAndIsRetried() {
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_BODY));
    emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_JSON));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals(3, answer.attempts());
  }

  @Test
  void bodyCutShortOfItsContentLengthThatNeverClearsIsVodBadResponse() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_BODY));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    // VOD answered (a status line and headers), then its body stopped short: a bad response
    // (DESIGN's error table), not an unreachable VOD.
    assertEquals(502, answer.status(), answer::toString);
    assertEquals("VodBadResponse", answer.code());
    assertEquals(3, answer.attempts());
    assertEquals(3, emulator.requestCount());
  }

  @Test
  void truncatedJsonThatNeverClearsIsVodBadResponse() {
    for (int i = 0; i < 3; i++) emulator.enqueue(ScriptedResponse.fault(SocketEffect.TRUNCATE_JSON));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(502, answer.status());
    assertEquals("VodBadResponse", answer.code());
  }

  @Test
  void rotatedKeysAreReloadedOnceAndTheCallSucceeds() {
    emulator.removeAccessKey("test-key-id");
    emulator.addAccessKey("rotated-key-id", "rotated-key-secret");
    CredentialsSource rotating = new CredentialsSource() {
      @Override
      public VodCredentials load() {
        return keys.get();
      }

      @Override
      public void invalidate() {
        keys.set(VodCredentials.of("rotated-key-id", "rotated-key-secret"));
      }
    };
    VodClient rotatingClient = VodClient.create(config(Map.of()), rotating, new ObjectMapper(), new Random(1));

    Answer answer = rotatingClient.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertTrue(answer.isSuccess(), answer::toString);
    assertEquals(2, answer.attempts());
  }

  @Test
  void rejectedKeysAre502AfterOneReloadAndNameNoSecret() {
    keys.set(VodCredentials.of("unknown-key-id", "unknown-secret"));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(502, answer.status());
    assertEquals("VodCredentialsRejected", answer.code());
    assertEquals("VOD rejected the function's credentials (InvalidAccessKeyId.NotFound)", answer.message());
    assertEquals(1, invalidations.get());
    assertEquals(2, emulator.requestCount());
  }

  @Test
  void wrongSecretIsSignatureDoesNotMatchAndRejected() {
    keys.set(VodCredentials.of("test-key-id", "not-the-secret"));

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals("VodCredentialsRejected", answer.code());
    assertEquals("VOD rejected the function's credentials (SignatureDoesNotMatch)", answer.message());
  }

  @Test
  void invocationKeysSignTheCallWithTheirToken() throws Exception {
    emulator.addStsKey("STS.invocation", "sts-secret", "sts-token");

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), VodCredentials.of("STS.invocation", "sts-secret", "sts-token"));

    assertTrue(answer.isSuccess(), answer::toString);
    RecordedVodRequest request = emulator.takeRequest(1, TimeUnit.SECONDS);
    assertEquals("STS.invocation", request.accessKeyId());
    assertEquals("sts-token", request.securityToken());
  }

  @Test
  void expiredInvocationTokenIsRejectedWithoutReloadingTheContainersKeys() {
    emulator.addStsKey("STS.invocation", "sts-secret", "sts-token");
    emulator.expireSecurityToken("sts-token");

    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), VodCredentials.of("STS.invocation", "sts-secret", "sts-token"));

    assertEquals("VodCredentialsRejected", answer.code());
    assertEquals(0, invalidations.get());
    assertEquals(1, emulator.requestCount());
  }

  @Test
  void missingKeysAreCredentialsUnavailableBeforeAnyCall() {
    VodClient noKeys = VodClient.create(config(Map.of()),
        dev.vodauth.credentials.EnvironmentCredentials.from(Map.of()), new ObjectMapper(), new Random(1));

    Answer answer = noKeys.call(PLAY_AUTH.call(PLAYABLE, 100), seconds(5), null);

    assertEquals(502, answer.status());
    assertEquals("VodCredentialsUnavailable", answer.code());
    assertEquals("The function has no VOD credentials.", answer.message());
    assertEquals("no VOD keys in the environment (ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET)", answer.detail());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void expiredDeadlineMakesNoCall() {
    Answer answer = client.call(PLAY_AUTH.call(PLAYABLE, 100), Deadline.afterMillis(10), null);

    assertEquals(ErrorKind.VOD_TIMEOUT, answer.kind());
    assertEquals(0, emulator.requestCount());
  }

  @Test
  void requestsToRealVodUseHttps() {
    assertTrue(VodClient.create(Config.from(Map.of()), source, new ObjectMapper()).usesHttps());
    assertFalse(client.usesHttps());
  }
}
