package dev.vodauth.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same calls, signed the classic way (RPC, HMAC-SHA1) and the V3 way (ACS3-HMAC-SHA256), each by a test client
 * that signs on its own: the emulator must accept and refuse them at exactly the same places with the same codes.
 */
@Timeout(30)
class SignatureParityTest {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  /** One call as a scenario describes it, whichever way it is then signed. */
  static final class Call {
    String method = "GET";
    final String action;
    final Map<String, String> params = new LinkedHashMap<>();
    String version = VodEmulator.API_VERSION;
    String accessKeyId = VodEmulator.EMULATOR_ACCESS_KEY_ID;
    String accessKeySecret = VodEmulator.EMULATOR_ACCESS_KEY_SECRET;
    String securityToken;
    Instant time = Instant.now();
    String nonce = UUID.randomUUID().toString();
    String signingSecret;
    final Map<String, String> changedAfterSigning = new LinkedHashMap<>();

    Call(String action, String... nameValues) {
      this.action = action;
      for (int i = 0; i < nameValues.length; i += 2) {
        params.put(nameValues[i], nameValues[i + 1]);
      }
    }

    Call post() {
      method = "POST";
      return this;
    }

    Call key(String id, String secret, String token) {
      accessKeyId = id;
      accessKeySecret = secret;
      securityToken = token;
      return this;
    }
  }

  /** A way to sign and send a call. */
  interface Signer {
    String algorithm();

    RpcTestClient.Answer send(VodEmulator emulator, Call call) throws Exception;
  }

  static final Signer CLASSIC = new Signer() {
    @Override
    public String algorithm() {
      return "HMAC-SHA1";
    }

    @Override
    public RpcTestClient.Answer send(VodEmulator emulator, Call call) throws Exception {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("Action", call.action);
      params.put("Version", call.version);
      params.put("Format", "JSON");
      params.put("AccessKeyId", call.accessKeyId);
      params.put("SignatureMethod", "HMAC-SHA1");
      params.put("SignatureVersion", "1.0");
      params.put("SignatureNonce", call.nonce);
      params.put("Timestamp", TIMESTAMP.format(call.time));
      if (call.securityToken != null) {
        params.put("SecurityToken", call.securityToken);
      }
      params.putAll(call.params);
      Map<String, String> signed = RpcTestClient.sign(call.method, params,
          call.signingSecret != null ? call.signingSecret : call.accessKeySecret);
      signed.putAll(call.changedAfterSigning);
      RpcTestClient client = new RpcTestClient(emulator);
      return call.method.equals("POST") ? client.sendPost(signed) : client.sendGet(signed);
    }

    @Override
    public String toString() {
      return "classic";
    }
  };

  static final Signer V3 = new Signer() {
    @Override
    public String algorithm() {
      return "ACS3-HMAC-SHA256";
    }

    @Override
    public RpcTestClient.Answer send(VodEmulator emulator, Call call) throws Exception {
      V3TestClient.Request request = new V3TestClient.Request();
      request.method = call.method;
      request.action = call.action;
      request.version = call.version;
      request.params.putAll(call.params);
      request.accessKeyId = call.accessKeyId;
      request.accessKeySecret = call.accessKeySecret;
      request.securityToken = call.securityToken;
      request.time = call.time;
      request.nonce = call.nonce;
      request.signingSecret = call.signingSecret;
      request.changedAfterSigning.putAll(call.changedAfterSigning);
      return new V3TestClient(emulator).send(request);
    }

    @Override
    public String toString() {
      return "V3";
    }
  };

  /** What a scenario does to the emulator and sends; it returns the answer to judge. */
  interface Act {
    RpcTestClient.Answer run(VodEmulator emulator, Signer signer) throws Exception;
  }

  static final class Scenario {
    final String name;
    final int status;
    final String code;
    final Act act;

    Scenario(String name, int status, String code, Act act) {
      this.name = name;
      this.status = status;
      this.code = code;
      this.act = act;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static Act send(Call call) {
    return (emulator, signer) -> signer.send(emulator, call);
  }

  private static Call playAuth() {
    return new Call("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE);
  }

  static List<Scenario> scenarios() {
    List<Scenario> all = new ArrayList<>();
    all.add(new Scenario("play-auth by GET", 200, null, send(playAuth())));
    all.add(new Scenario("play-auth by form POST", 200, null, send(
        new Call("GetVideoPlayAuth", "VideoId", DemoCatalogue.PLAYABLE, "AuthInfoTimeout", "3000").post())));
    all.add(new Scenario("refresh-upload by GET", 200, null, send(
        new Call("RefreshUploadVideo", "VideoId", DemoCatalogue.NOT_YET_PLAYABLE))));
    all.add(new Scenario("refresh-upload by form POST", 200, null, send(
        new Call("RefreshUploadVideo", "VideoId", DemoCatalogue.NOT_YET_PLAYABLE).post())));
    all.add(new Scenario("a title and a value needing percent-encoding", 200, null, (emulator, signer) -> {
      emulator.addVideo(Video.of("0123456789abcdef0123456789abcdef", VideoStatus.NORMAL).withTitle("西湖 *~'()!"));
      return signer.send(emulator, new Call("GetVideoPlayAuth", "VideoId", "0123456789abcdef0123456789abcdef",
          "Note", "a b*c~d/é"));
    }));
    all.add(new Scenario("STS key with its token", 200, null, (emulator, signer) -> {
      emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
      return signer.send(emulator, playAuth().key("STS.emulator", "sts-secret", "token-1"));
    }));
    all.add(new Scenario("time 14 minutes behind", 200, null, (emulator, signer) -> {
      Call call = playAuth();
      call.time = Instant.now().minus(Duration.ofMinutes(14));
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("signed with the wrong secret", 400, "SignatureDoesNotMatch", (emulator, signer) -> {
      Call call = playAuth();
      call.signingSecret = "not-the-secret";
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("parameter changed after signing", 400, "SignatureDoesNotMatch", (emulator, signer) -> {
      Call call = playAuth();
      call.changedAfterSigning.put("VideoId", DemoCatalogue.BLOCKED);
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("form body changed after signing", 400, "SignatureDoesNotMatch", (emulator, signer) -> {
      Call call = new Call("RefreshUploadVideo", "VideoId", DemoCatalogue.NOT_YET_PLAYABLE).post();
      call.changedAfterSigning.put("VideoId", DemoCatalogue.PLAYABLE);
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("time 16 minutes behind", 400, "InvalidTimeStamp.Expired", (emulator, signer) -> {
      Call call = playAuth();
      call.time = Instant.now().minus(Duration.ofMinutes(16));
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("time 16 minutes ahead", 400, "InvalidTimeStamp.Expired", (emulator, signer) -> {
      Call call = playAuth();
      call.time = Instant.now().plus(Duration.ofMinutes(16));
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("reused nonce", 400, "SignatureNonceUsed", (emulator, signer) -> {
      Call first = playAuth();
      assertEquals(200, signer.send(emulator, first).status);
      Call replay = playAuth();
      replay.nonce = first.nonce;
      return signer.send(emulator, replay);
    }));
    all.add(new Scenario("unknown AccessKeyId", 404, "InvalidAccessKeyId.NotFound", send(
        playAuth().key("nobody", "nothing", null))));
    all.add(new Scenario("removed AccessKeyId", 404, "InvalidAccessKeyId.NotFound", (emulator, signer) -> {
      emulator.removeAccessKey(VodEmulator.EMULATOR_ACCESS_KEY_ID);
      return signer.send(emulator, playAuth());
    }));
    all.add(new Scenario("expired SecurityToken", 400, "InvalidSecurityToken.Expired", (emulator, signer) -> {
      emulator.addStsKey("STS.emulator", "sts-secret", "token-1").expireSecurityToken("token-1");
      return signer.send(emulator, playAuth().key("STS.emulator", "sts-secret", "token-1"));
    }));
    all.add(new Scenario("STS key with another token", 400, "InvalidSecurityToken.MismatchWithAccessKey",
        (emulator, signer) -> {
          emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
          return signer.send(emulator, playAuth().key("STS.emulator", "sts-secret", "token-2"));
        }));
    all.add(new Scenario("STS key without a token", 400, "InvalidSecurityToken.MismatchWithAccessKey",
        (emulator, signer) -> {
          emulator.addStsKey("STS.emulator", "sts-secret", "token-1");
          return signer.send(emulator, playAuth().key("STS.emulator", "sts-secret", null));
        }));
    all.add(new Scenario("another API version", 400, "InvalidVersion", (emulator, signer) -> {
      Call call = playAuth();
      call.version = "2014-05-26";
      return signer.send(emulator, call);
    }));
    all.add(new Scenario("unknown action", 404, "InvalidAction.NotFound", send(
        new Call("GetPlayInfo", "VideoId", DemoCatalogue.PLAYABLE))));
    all.add(new Scenario("no VideoId", 400, "MissingParameter", send(new Call("RefreshUploadVideo"))));
    all.add(new Scenario("unknown video", 404, "InvalidVideo.NotFound", send(
        new Call("GetVideoPlayAuth", "VideoId", DemoCatalogue.UNKNOWN))));
    all.add(new Scenario("video not playable", 403, "Forbidden.IllegalStatus", send(
        new Call("GetVideoPlayAuth", "VideoId", DemoCatalogue.BLOCKED))));
    all.add(new Scenario("damaged video", 400, "InvalidVideo.Damaged", send(
        new Call("RefreshUploadVideo", "VideoId", DemoCatalogue.DAMAGED).post())));
    return all;
  }

  static List<Arguments> signersAndScenarios() {
    List<Arguments> all = new ArrayList<>();
    for (Scenario scenario : scenarios()) {
      all.add(Arguments.of(CLASSIC, scenario));
      all.add(Arguments.of(V3, scenario));
    }
    return all;
  }

  private VodEmulator emulator;

  @BeforeEach
  void setUp() throws Exception {
    emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start();
  }

  @AfterEach
  void tearDown() {
    emulator.close();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("signersAndScenarios")
  void bothSignaturesAreAcceptedAndRefusedAlike(Signer signer, Scenario scenario) throws Exception {
    RpcTestClient.Answer answer = scenario.act.run(emulator, signer);

    assertEquals(scenario.status, answer.status, answer.body);
    Map<String, Object> json = answer.json();
    assertEquals(scenario.code, json.get("Code"), answer.body);
    RecordedVodRequest last = null;
    for (RecordedVodRequest r; (r = emulator.takeRequest(0, TimeUnit.SECONDS)) != null; ) {
      last = r;
    }
    assertNotNull(last, "no request recorded");
    assertEquals(signer.algorithm(), last.signatureAlgorithm());
    assertEquals(scenario.code, last.failure());
    assertEquals(scenario.status, last.status());
  }
}
