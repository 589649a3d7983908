package dev.vodauth.emulator;

import dev.vodauth.emulator.internal.HttpServer;
import dev.vodauth.emulator.internal.RawRequest;
import dev.vodauth.emulator.internal.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The protocol engine: turns one HTTP request into VOD's answer, checking the common parameters, the timestamp
 * window, the AccessKey, the signature, the SecurityToken and the nonce in VOD's order, then serving the catalogue.
 */
final class VodProtocol implements HttpServer.Handler {
  static final String API_VERSION = "2017-03-21";
  static final String HOST_ID = "vod.cn-shanghai.aliyuncs.com";
  static final String REGION = "cn-shanghai";
  /** The playback domain a PlayAuth names (a reserved example domain: the emulator serves no media). */
  static final String PLAY_DOMAIN = "video.example.com";
  static final long DEFAULT_AUTH_INFO_TIMEOUT = 100;

  private static final List<String> REQUIRED = Arrays.asList("Action", "Version", "AccessKeyId", "Signature",
      "SignatureMethod", "SignatureVersion", "SignatureNonce", "Timestamp");
  private static final List<String> V3_REQUIRED_HEADERS = Arrays.asList("x-acs-action", "x-acs-version",
      "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256");
  private static final long WINDOW_SECONDS = 15 * 60;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
  private static final String JSON = "application/json;charset=utf-8";
  private static final String XML = "text/xml;charset=utf-8";
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  final Credentials credentials = new Credentials();
  final Map<String, Video> videos = new ConcurrentHashMap<>();
  final Queue<ScriptedResponse> script = new ConcurrentLinkedQueue<>();
  final Recorder recorder = new Recorder();
  /** Each application's PlayKey (JWTPlayAuth's HMAC key): VOD's default application has one from the start. */
  final Map<String, AppPlayKey> appPlayKeys = new ConcurrentHashMap<>();
  private final NonceCache nonces = new NonceCache();
  // One upload bucket per emulator, like one per account and region in VOD.
  private final String bucket = "outin-" + UUID.randomUUID().toString().replace("-", "");
  // The account's numeric ID, which a PlayAuth carries: 16 digits, like Alibaba Cloud's, one per emulator.
  private final long customerId = ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 2_000_000_000_000_000L);
  volatile Clock clock;
  /** The OSS endpoint UploadAddress names: the region's by default, an OSS stand-in's in a browser test. */
  volatile String uploadEndpoint = "https://oss-" + REGION + ".aliyuncs.com";
  /** Every upload credential answered, in order. */
  final List<UploadCredential> uploadCredentials = new CopyOnWriteArrayList<>();
  /** The API's actions the emulator serves, by name; any other is InvalidAction.NotFound. */
  private final Map<String, Action> actions = Map.of(
      "GetVideoPlayAuth", this::getVideoPlayAuth,
      "RefreshUploadVideo", this::refreshUploadVideo,
      "CreateUploadVideo", this::createUploadVideo,
      "GetVideoInfo", this::getVideoInfo,
      "GetAppPlayKey", (params, requestId, now) -> getAppPlayKey(params, requestId),
      "SetAppPlayKey", this::setAppPlayKey);

  VodProtocol(Clock clock) {
    this.clock = clock;
    String created = utc(clock.instant().getEpochSecond());
    appPlayKeys.put(DEFAULT_APP_ID, new AppPlayKey(randomAlphanumeric(16), created, created));
  }

  static final String DEFAULT_APP_ID = "app-1000000";

  /** An application's PlayKey with its creation and modification times (VOD's UTC format). */
  static final class AppPlayKey {
    final String playKey;
    final String creationTime;
    final String modificationTime;

    AppPlayKey(String playKey, String creationTime, String modificationTime) {
      this.playKey = playKey;
      this.creationTime = creationTime;
      this.modificationTime = modificationTime;
    }
  }

  /** One action of the API: its parameters in, VOD's answer out. */
  private interface Action {
    Answer answer(Map<String, String> params, String requestId, long now);
  }

  /** What the engine decided for one request: a status, an error code (null on success) and a body. */
  private static final class Answer {
    final int status;
    final String code;
    final AnswerBody body;

    Answer(int status, String code, AnswerBody body) {
      this.status = status;
      this.code = code;
      this.body = body;
    }
  }

  @Override
  public Reply handle(RawRequest request) {
    try {
      return dispatch(request);
    } catch (RuntimeException e) {
      // A bug in here must not kill a connection thread silently: answer as VOD does when it breaks.
      String requestId = newRequestId();
      recorder.record(new RecordedVodRequest(request.method(), request.path(),
          Collections.<String, String>emptyMap(), null, false, "InternalError", 500, null, requestId));
      return reply(false, new Answer(500, "InternalError", errorBody(requestId, "InternalError",
          "The request processing has failed due to some unknown error, exception or failure.")), requestId);
    }
  }

  private Reply dispatch(RawRequest raw) {
    SignedRequest request = SignedRequest.read(raw);
    Map<String, String> params = request.params;
    boolean xml = "XML".equalsIgnoreCase(params.get("Format"));
    Credentials.Key key = credentials.find(params.get("AccessKeyId"));
    boolean signatureValid = key != null && request.signatureMatches(key.secret);
    ScriptedResponse scripted = script.poll();
    long delay = scripted == null ? 0L : scripted.delayNanos();
    SocketEffect effect = scripted == null ? null : scripted.effect();

    if (scripted != null && scripted.kind() == ScriptedResponse.Kind.ERROR) {
      String requestId = newRequestId();
      record(raw, request, signatureValid, scripted.code(), scripted.httpStatus(), null, requestId);
      Answer answer = new Answer(scripted.httpStatus(), scripted.code(),
          errorBody(requestId, scripted.code(), scripted.message()));
      return reply(xml, answer, requestId).withDelayNanos(delay);
    }
    if (effect == SocketEffect.DISCONNECT_AT_START || effect == SocketEffect.STALL) {
      // VOD never saw these requests, so they are not checked and their nonces stay unused.
      record(raw, request, signatureValid, null, 0, effect, null);
      return Reply.of(0, JSON, new byte[0]).withEffect(effect).withDelayNanos(delay);
    }

    String requestId = newRequestId();
    Answer answer = answer(request, key, signatureValid, requestId);
    int recordedStatus = effect == SocketEffect.TRUNCATE_BODY ? 0 : answer.status;
    record(raw, request, signatureValid, answer.code, recordedStatus, effect, requestId);
    String text = xml ? answer.body.xml() : answer.body.json();
    if (effect == SocketEffect.TRUNCATE_JSON) {
      text = text.substring(0, text.length() / 2);
    }
    Reply reply = Reply.of(answer.status, xml ? XML : JSON, text.getBytes(StandardCharsets.UTF_8))
        .withHeader("x-acs-request-id", requestId);
    return reply.withEffect(effect).withDelayNanos(delay);
  }

  private void record(RawRequest raw, SignedRequest request, boolean signatureValid, String failure, int status,
      SocketEffect effect, String requestId) {
    recorder.record(new RecordedVodRequest(raw.method(), raw.path(), request.params, request.algorithm,
        signatureValid, failure, status, effect, requestId));
  }

  private static Reply reply(boolean xml, Answer answer, String requestId) {
    String text = xml ? answer.body.xml() : answer.body.json();
    return Reply.of(answer.status, xml ? XML : JSON, text.getBytes(StandardCharsets.UTF_8))
        .withHeader("x-acs-request-id", requestId);
  }

  private Answer answer(SignedRequest request, Credentials.Key key, boolean signatureValid,
      String requestId) {
    Map<String, String> params = request.params;
    Answer unreadable = request.isV3() ? v3Refusal(request, requestId) : classicRefusal(params, requestId);
    if (unreadable != null) {
      return unreadable;
    }
    Long timestamp = parseTimestamp(params.get("Timestamp"));
    if (timestamp == null) {
      return error(requestId, 400, "InvalidTimeStamp.Format",
          "Specified time stamp or date value is not well formatted.");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - timestamp) > WINDOW_SECONDS) {
      return error(requestId, 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
    }
    if (key == null) {
      return error(requestId, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
    }
    if (!signatureValid) {
      return error(requestId, 400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.");
    }
    String token = params.get("SecurityToken");
    if (credentials.isExpired(token)) {
      return error(requestId, 400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
    }
    if (key.token != null && !key.token.equals(token)) {
      return error(requestId, 400, "InvalidSecurityToken.MismatchWithAccessKey",
          "Specified SecurityToken mismatch with the AccessKey.");
    }
    if (!nonces.firstUse(key.id, params.get("SignatureNonce"), now)) {
      return error(requestId, 400, "SignatureNonceUsed", "Specified signature nonce was used already.");
    }
    Action action = actions.get(params.get("Action"));
    if (action != null) {
      return action.answer(params, requestId, now);
    }
    return error(requestId, 404, "InvalidAction.NotFound",
        "Specified api is not found, please check your url and method.");
  }

  /** The classic signature's own checks: every common parameter present, the version and the method known. */
  private static Answer classicRefusal(Map<String, String> params, String requestId) {
    for (String name : REQUIRED) {
      if (isBlank(params.get(name))) {
        return missing(requestId, name);
      }
    }
    if (!API_VERSION.equals(params.get("Version"))) {
      return invalidVersion(requestId);
    }
    if (!"HMAC-SHA1".equals(params.get("SignatureMethod"))) {
      return invalidSignatureMethod(requestId);
    }
    if (!"1.0".equals(params.get("SignatureVersion"))) {
      return error(requestId, 400, "InvalidSignatureVersion", "Specified signature version is not supported.");
    }
    return null;
  }

  /** The V3 signature's own checks: a readable Authorization header, every common header present and signed. */
  private static Answer v3Refusal(SignedRequest request, String requestId) {
    if (!AcsV3Signature.ALGORITHM.equals(request.algorithm)) {
      return invalidSignatureMethod(requestId);
    }
    if (request.authorization == null) {
      return error(requestId, 400, "IncompleteSignature", "The request signature does not conform to Aliyun "
          + "standards: the Authorization header must be ACS3-HMAC-SHA256 Credential=...,SignedHeaders=...,"
          + "Signature=....");
    }
    for (String name : V3_REQUIRED_HEADERS) {
      if (isBlank(request.header(name))) {
        return missing(requestId, name);
      }
    }
    if (!API_VERSION.equals(request.params.get("Version"))) {
      return invalidVersion(requestId);
    }
    String unsigned = request.unsignedCommonHeader();
    if (unsigned != null) {
      return error(requestId, 400, "IncompleteSignature", "The request signature does not conform to Aliyun "
          + "standards: the header \"" + unsigned + "\" must be both sent and signed.");
    }
    return null;
  }

  private static Answer invalidVersion(String requestId) {
    return error(requestId, 400, "InvalidVersion", "Specified parameter Version is not valid.");
  }

  private static Answer invalidSignatureMethod(String requestId) {
    return error(requestId, 400, "InvalidSignatureMethod", "Specified signature method is not supported.");
  }

  private Answer getVideoPlayAuth(Map<String, String> params, String requestId, long now) {
    String videoId = params.get("VideoId");
    if (isBlank(videoId)) {
      return missing(requestId, "VideoId");
    }
    String timeout = params.get("AuthInfoTimeout");
    if (timeout != null && !inRange(timeout, 100, 3000)) {
      return error(requestId, 400, "InvalidParameter",
          "The specified parameter \"AuthInfoTimeout\" is not valid: it must be a whole number in [100, 3000].");
    }
    Video video = videos.get(videoId);
    if (video == null) {
      return error(requestId, 404, "InvalidVideo.NotFound", "The video does not exist.");
    }
    if (!video.status().isPlayable()) {
      return error(requestId, 403, "Forbidden.IllegalStatus", "Status of the video is illegal.");
    }
    AnswerBody meta = AnswerBody.named("VideoMeta")
        .put("VideoId", video.videoId())
        .put("Title", video.title())
        .put("Duration", video.duration())
        .put("CoverURL", video.coverUrl())
        .put("Status", video.status().wireName());
    AnswerBody body = AnswerBody.named("GetVideoPlayAuthResponse")
        .put("RequestId", requestId)
        .put("VideoMeta", meta)
        .put("PlayAuth", playAuth(meta, timeout == null ? DEFAULT_AUTH_INFO_TIMEOUT : Long.parseLong(timeout.trim()),
            now));
    return new Answer(200, null, body);
  }

  /**
   * A PlayAuth of the real structure, which the players decode (Base64, UTF-8, JSON) and use: made-up STS keys for
   * the region, the video's meta, and {@code AuthInfo}, itself JSON text, whose {@code ExpireTime} is now plus
   * AuthInfoTimeout. Nothing checks these keys: the emulator serves no GetPlayInfo and no media.
   */
  private String playAuth(AnswerBody meta, long timeoutSeconds, long now) {
    String videoId = (String) meta.get("VideoId");
    String authInfo = AnswerBody.named("AuthInfo")
        .put("Caller", randomBase64(32))
        .put("ExpireTime", utc(now + timeoutSeconds))
        .put("MediaId", videoId)
        .put("Signature", randomBase64(20))
        .json();
    String json = AnswerBody.named("PlayAuth")
        .put("SecurityToken", stsToken())
        .put("AuthInfo", authInfo)
        .put("VideoMeta", meta)
        .put("AccessKeyId", stsAccessKeyId())
        .put("PlayDomain", PLAY_DOMAIN)
        .put("AccessKeySecret", randomAlphanumeric(44))
        .put("Region", REGION)
        .put("CustomerId", customerId)
        .json();
    return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String utc(long epochSecond) {
    return TIMESTAMP.format(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC));
  }

  private static String stsToken() {
    return "CAIS" + randomBase64(240);
  }

  private static String stsAccessKeyId() {
    return "STS." + randomAlphanumeric(25);
  }

  private Answer refreshUploadVideo(Map<String, String> params, String requestId, long now) {
    String videoId = params.get("VideoId");
    if (isBlank(videoId)) {
      return missing(requestId, "VideoId");
    }
    Video video = videos.get(videoId);
    if (video == null) {
      return error(requestId, 404, "InvalidVideo.NotFound", "The video not exist.");
    }
    if (video.isDamaged()) {
      return error(requestId, 400, "InvalidVideo.Damaged", "The video has been Damaged.");
    }
    return new Answer(200, null, uploadCredentials("RefreshUploadVideoResponse", requestId, videoId, now));
  }

  /**
   * A new video in the Uploading state, which RefreshUploadVideo and GetVideoPlayAuth then see, with
   * its first upload credential. Title and FileName (with an extension) are required, as VOD has them.
   */
  private Answer createUploadVideo(Map<String, String> params, String requestId, long now) {
    for (String name : new String[] {"Title", "FileName"}) {
      if (isBlank(params.get(name))) {
        return missing(requestId, name);
      }
    }
    String fileName = params.get("FileName");
    if (fileName.lastIndexOf('.') < 0 || fileName.endsWith(".")) {
      return error(requestId, 400, "InvalidParameter", "The specified parameter \"FileName\" has no extension.");
    }
    String videoId = UUID.randomUUID().toString().replace("-", "");
    Video video = Video.of(videoId, VideoStatus.UPLOADING).withTitle(params.get("Title"))
        .withCoverUrl(params.get("CoverURL")).withTags(params.get("Tags")).withUserData(params.get("UserData"));
    videos.put(videoId, video);
    return new Answer(200, null, uploadCredentials("CreateUploadVideoResponse", requestId, videoId, now));
  }

  /** A video's basic information: {@code Video} with its ID, title, status, tags and cover (no UserData: VOD answers none). */
  private Answer getVideoInfo(Map<String, String> params, String requestId, long now) {
    String videoId = params.get("VideoId");
    if (isBlank(videoId)) {
      return missing(requestId, "VideoId");
    }
    Video video = videos.get(videoId);
    if (video == null) {
      return error(requestId, 404, "InvalidVideo.NotFound", "The video does not exist.");
    }
    AnswerBody info = AnswerBody.named("Video")
        .put("VideoId", video.videoId())
        .put("Title", video.title())
        .put("Status", video.status().wireName())
        .put("Duration", video.duration())
        .put("CoverURL", video.coverUrl())
        .put("Tags", video.tags());
    return new Answer(200, null, AnswerBody.named("GetVideoInfoResponse").put("RequestId", requestId).put("Video", info));
  }

  private AnswerBody uploadCredentials(String root, String requestId, String videoId, long now) {
    UploadCredential issued = new UploadCredential(videoId, stsAccessKeyId(), randomAlphanumeric(44), stsToken(), bucket,
        fileName(videoId));
    uploadCredentials.add(issued);
    String uploadAuth = AnswerBody.named("UploadAuth")
        .put("SecurityToken", issued.securityToken())
        .put("AccessKeyId", issued.accessKeyId())
        .put("ExpireUTCTime", utc(now + 3600))
        .put("AccessKeySecret", issued.accessKeySecret())
        .put("Expiration", "3600")
        .put("Region", REGION)
        .json();
    String uploadAddress = AnswerBody.named("UploadAddress")
        .put("Endpoint", uploadEndpoint)
        .put("Bucket", issued.bucket())
        .put("FileName", issued.fileName())
        .json();
    Base64.Encoder base64 = Base64.getEncoder();
    return AnswerBody.named(root)
        .put("RequestId", requestId)
        .put("UploadAuth", base64.encodeToString(uploadAuth.getBytes(StandardCharsets.UTF_8)))
        .put("UploadAddress", base64.encodeToString(uploadAddress.getBytes(StandardCharsets.UTF_8)))
        .put("VideoId", videoId);
  }

  /** GetAppPlayKey: {@code {"RequestId", "AppPlayKey": {"AppId", "PlayKey", "CreationTime", "ModificationTime"}}}. */
  private Answer getAppPlayKey(Map<String, String> params, String requestId) {
    String appId = isBlank(params.get("AppId")) ? DEFAULT_APP_ID : params.get("AppId").trim();
    AppPlayKey key = appPlayKeys.get(appId);
    if (key == null) {
      // VOD's documentation names no code for an unknown application: this one is the emulator's.
      return error(requestId, 404, "InvalidAppId.NotFound", "The specified AppId does not exist.");
    }
    AnswerBody appPlayKey = AnswerBody.named("AppPlayKey")
        .put("AppId", appId)
        .put("PlayKey", key.playKey)
        .put("CreationTime", key.creationTime)
        .put("ModificationTime", key.modificationTime);
    return new Answer(200, null, AnswerBody.named("GetAppPlayKeyResponse").put("RequestId", requestId)
        .put("AppPlayKey", appPlayKey));
  }

  /** SetAppPlayKey: 8 to 20 letters and digits, as documented; the application is created if new. */
  private Answer setAppPlayKey(Map<String, String> params, String requestId, long now) {
    String appId = isBlank(params.get("AppId")) ? DEFAULT_APP_ID : params.get("AppId").trim();
    String playKey = params.get("PlayKey");
    if (isBlank(playKey)) {
      return missing(requestId, "PlayKey");
    }
    if (!playKey.matches("[A-Za-z0-9]{8,20}")) {
      return error(requestId, 400, "InvalidParameter",
          "The specified parameter \"PlayKey\" is not valid: 8 to 20 letters and digits.");
    }
    String time = utc(now);
    appPlayKeys.compute(appId, (id, old) -> new AppPlayKey(playKey, old == null ? time : old.creationTime, time));
    return new Answer(200, null, AnswerBody.named("SetAppPlayKeyResponse").put("RequestId", requestId));
  }

  /** The same object name on every refresh, as VOD keeps the upload's file name: {@code sv/<id>/<id>.mp4}. */
  private static String fileName(String videoId) {
    String hex = UUID.nameUUIDFromBytes(videoId.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
    String stem = hex.substring(0, 8) + "-" + hex.substring(8, 19);
    return "sv/" + stem + "/" + stem + ".mp4";
  }

  private static boolean inRange(String number, long min, long max) {
    try {
      long value = Long.parseLong(number.trim());
      return value >= min && value <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static Long parseTimestamp(String text) {
    try {
      return LocalDateTime.parse(text, TIMESTAMP).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.trim().isEmpty();
  }

  private static Answer missing(String requestId, String name) {
    return error(requestId, 400, "MissingParameter",
        "The input parameter \"" + name + "\" that is mandatory for processing this request is not supplied.");
  }

  private static Answer error(String requestId, int status, String code, String message) {
    return new Answer(status, code, errorBody(requestId, code, message));
  }

  static AnswerBody errorBody(String requestId, String code, String message) {
    return AnswerBody.named("Error")
        .put("RequestId", requestId)
        .put("HostId", HOST_ID)
        .put("Code", code)
        .put("Message", message)
        .put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code + "&product=Vod&requestId=" + requestId);
  }

  /** An upper-case version 4 UUID; ThreadLocalRandom keeps the shared SecureRandom lock off the request path. */
  static String newRequestId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString().toUpperCase(Locale.ROOT);
  }

  private static String randomBase64(int bytes) {
    byte[] random = new byte[bytes];
    ThreadLocalRandom.current().nextBytes(random);
    return Base64.getEncoder().encodeToString(random);
  }

  private static String randomAlphanumeric(int length) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }
}
