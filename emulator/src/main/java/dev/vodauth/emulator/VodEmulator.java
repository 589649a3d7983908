package dev.vodauth.emulator;

import dev.vodauth.emulator.internal.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable fake of the ApsaraVideo VOD OpenAPI (RPC style, version 2017-03-21): a real HTTP/1.1 server on
 * 127.0.0.1 that checks requests as VOD does and answers from a catalogue of videos. It accepts both signatures VOD
 * accepts: the classic RPC one (HMAC-SHA1 in parameters) and V3 ({@code ACS3-HMAC-SHA256} in an Authorization
 * header), and answers credentials of VOD's structure (a PlayAuth and an UploadAuth/UploadAddress that decode to VOD's
 * JSON) with made-up keys.
 *
 * <p>Script it, run the code under test, then inspect what arrived: {@link #enqueue} replaces the next answer with an
 * error, a delay or a socket fault; {@link #takeRequest} returns each request with its verdict. Automated tests
 * should always use {@link #start()} (an ephemeral port), so parallel runs never collide.
 */
public final class VodEmulator implements AutoCloseable {
  /** The AccessKeyId {@link #withDefaultAccount()} registers. Not a real key, and shaped so no scanner thinks so. */
  public static final String EMULATOR_ACCESS_KEY_ID = "emulator-key-id";
  /** The AccessKeySecret {@link #withDefaultAccount()} registers. */
  public static final String EMULATOR_ACCESS_KEY_SECRET = "emulator-key-secret";
  /** The only API version the emulator (and VOD's RPC API) serves. */
  public static final String API_VERSION = VodProtocol.API_VERSION;

  private final VodProtocol protocol;
  private final HttpServer server;

  /** An emulator with no keys and an empty catalogue, on the system clock. */
  public VodEmulator() {
    this(Clock.systemUTC());
  }

  /** An emulator whose timestamp window and expiry times follow this clock. */
  public VodEmulator(Clock clock) {
    protocol = new VodProtocol(Objects.requireNonNull(clock, "clock == null"));
    server = new HttpServer(protocol);
  }

  /** Starts on 127.0.0.1 and an ephemeral port. */
  public VodEmulator start() throws IOException {
    return start(0);
  }

  /** Starts on 127.0.0.1 and this port (0 for an ephemeral one). */
  public VodEmulator start(int port) throws IOException {
    server.start(InetAddress.getLoopbackAddress(), port);
    return this;
  }

  /** {@code 127.0.0.1:<port>}, what the Aliyun SDK's endpoint setting takes. */
  public String endpoint() {
    return "127.0.0.1:" + port();
  }

  /** {@code http://127.0.0.1:<port>/}, for clients that want a URL. */
  public String url() {
    return "http://" + endpoint() + "/";
  }

  public int port() {
    return server.port();
  }

  /** Replaces the clock, e.g. with {@code Clock.offset(...)} to test the 15-minute timestamp window. */
  public VodEmulator setClock(Clock clock) {
    protocol.clock = Objects.requireNonNull(clock, "clock == null");
    return this;
  }

  /** Registers {@link #EMULATOR_ACCESS_KEY_ID} / {@link #EMULATOR_ACCESS_KEY_SECRET}. */
  public VodEmulator withDefaultAccount() {
    return addAccessKey(EMULATOR_ACCESS_KEY_ID, EMULATOR_ACCESS_KEY_SECRET);
  }

  /** Adds the videos of {@link DemoCatalogue}. */
  public VodEmulator withDemoCatalogue() {
    for (Video video : DemoCatalogue.videos()) {
      addVideo(video);
    }
    return this;
  }

  /** Accepts a long-term AccessKey pair (replacing any key with the same ID). */
  public VodEmulator addAccessKey(String accessKeyId, String accessKeySecret) {
    protocol.credentials.add(requireText(accessKeyId, "accessKeyId"), requireText(accessKeySecret, "accessKeySecret"),
        null);
    return this;
  }

  /** Accepts an STS key pair; its requests must carry exactly this SecurityToken. */
  public VodEmulator addStsKey(String accessKeyId, String accessKeySecret, String securityToken) {
    protocol.credentials.add(requireText(accessKeyId, "accessKeyId"), requireText(accessKeySecret, "accessKeySecret"),
        requireText(securityToken, "securityToken"));
    return this;
  }

  /** Later requests carrying this token are refused with {@code InvalidSecurityToken.Expired}. */
  public VodEmulator expireSecurityToken(String securityToken) {
    protocol.credentials.expire(requireText(securityToken, "securityToken"));
    return this;
  }

  /** Forgets a key, as after a rotation: later requests with it get {@code InvalidAccessKeyId.NotFound}. */
  public VodEmulator removeAccessKey(String accessKeyId) {
    protocol.credentials.remove(requireText(accessKeyId, "accessKeyId"));
    return this;
  }

  /** The PlayKey of a VOD application (VOD's default one is {@code app-1000000}), or null when there is none. */
  public String appPlayKey(String appId) {
    VodProtocol.AppPlayKey key = protocol.appPlayKeys.get(Objects.requireNonNull(appId, "appId == null"));
    return key == null ? null : key.playKey;
  }

  /** Sets an application's PlayKey, as SetAppPlayKey does (no check: tests may set one VOD would refuse). */
  public VodEmulator setAppPlayKey(String appId, String playKey) {
    String time = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    protocol.appPlayKeys.put(requireText(appId, "appId"), new VodProtocol.AppPlayKey(requireText(playKey, "playKey"), time, time));
    return this;
  }

  /**
   * The OSS endpoint later UploadAddresses name ({@code https://oss-cn-shanghai.aliyuncs.com} by default), e.g. an OSS
   * stand-in's {@code http://127.0.0.1:<port>}, so that an upload SDK can finish an upload locally.
   */
  public VodEmulator uploadEndpoint(String endpoint) {
    protocol.uploadEndpoint = requireText(endpoint, "endpoint");
    return this;
  }

  /** Every upload credential answered so far (CreateUploadVideo, RefreshUploadVideo), oldest first. */
  public List<UploadCredential> uploadCredentials() {
    return List.copyOf(protocol.uploadCredentials);
  }

  /** Adds a video to the catalogue, replacing one with the same ID. */
  public VodEmulator addVideo(Video video) {
    Objects.requireNonNull(video, "video == null");
    protocol.videos.put(video.videoId(), video);
    return this;
  }

  /** The video of this ID in the catalogue (added, or created by CreateUploadVideo), or null. */
  public Video video(String videoId) {
    return protocol.videos.get(Objects.requireNonNull(videoId, "videoId == null"));
  }

  public VodEmulator removeVideo(String videoId) {
    protocol.videos.remove(Objects.requireNonNull(videoId, "videoId == null"));
    return this;
  }

  /**
   * Scripts the answer to the next request (first in, first out), whatever it asks. A scripted error or a
   * disconnect or stall skips VOD's checks (the request's nonce stays unused); {@link ScriptedResponse#normal()}
   * and the truncations answer from the catalogue, with every check.
   */
  public VodEmulator enqueue(ScriptedResponse response) {
    protocol.script.add(Objects.requireNonNull(response, "response == null"));
    return this;
  }

  /** Drops every scripted answer not yet used (a test that scripted more than it called). */
  public VodEmulator clearScript() {
    protocol.script.clear();
    return this;
  }

  /**
   * The oldest request not yet taken, waiting up to the timeout; null if none arrived. Only the latest
   * {@value Recorder#LIMIT} requests are kept.
   */
  public RecordedVodRequest takeRequest(long timeout, TimeUnit unit) throws InterruptedException {
    return protocol.recorder.take(timeout, unit);
  }

  /** How many requests arrived, including refused, faulted and unreadable ones. */
  public int requestCount() {
    return server.requestCount();
  }

  /** Stops the server and drops every connection, stalled and delayed ones included. */
  @Override
  public void close() {
    server.close();
  }

  private static String requireText(String value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isEmpty()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    return value;
  }
}
