package dev.vodauth.local.bench;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.EnvironmentCredentials;
import dev.vodauth.emulator.DemoCatalogue;
import dev.vodauth.emulator.VodEmulator;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.function.VodFunctions;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.log.InvocationLog;
import dev.vodauth.vod.VodClient;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our code's cost per call with VOD's round trip taken out, in this JVM against one emulator:
 * {@code VodFunction.handleHttp} end to end, minus the bare SDK call ({@code DefaultAcsClient.doAction}) of the same
 * request to the same emulator, interleaved call by call so both see the same machine.
 */
final class OverheadBenchmark {
  private static final String VIDEO = DemoCatalogue.PLAYABLE;

  private OverheadBenchmark() {}

  @SuppressWarnings("deprecation") // setAutoRetry: deprecated, yet the only switch; VodClient turns it off too
  static void run(int warmup, int rounds) throws Exception {
    try (VodEmulator emulator = new VodEmulator().withDefaultAccount().withDemoCatalogue().start()) {
      Map<String, String> env = Map.of(
          Config.VOD_ENDPOINT, emulator.endpoint(),
          EnvironmentCredentials.ACCESS_KEY_ID, VodEmulator.EMULATOR_ACCESS_KEY_ID,
          EnvironmentCredentials.ACCESS_KEY_SECRET, VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
      Config config = Config.from(env);
      ObjectMapper json = new ObjectMapper();
      AtomicLong logged = new AtomicLong();
      // The log line is built and serialised as in production (INFO); only the write to stdout is left out.
      InvocationLog log = InvocationLog.to(line -> logged.addAndGet(line.length()), config.logLevel(), Clock.systemUTC(), json);
      VodFunctions functions = VodFunctions.create(config, VodClient.create(config, EnvironmentCredentials.from(env), json), log, json);
      VodFunction playAuth = functions.playAuth();
      HttpRequest ok = HttpRequest.builder("GET").rawQuery("VideoId=" + VIDEO).build();
      HttpRequest refused = HttpRequest.builder("GET").rawQuery("VideoId=" + VIDEO + "&AuthInfoTimeout=99").build();
      DefaultProfile profile = DefaultProfile.getProfile(config.region(),
          VodEmulator.EMULATOR_ACCESS_KEY_ID, VodEmulator.EMULATOR_ACCESS_KEY_SECRET);
      // As VodClient: the JDK's HttpURLConnection (the Apache client is not in the jar).
      HttpClientConfig http = HttpClientConfig.getDefault();
      http.setClientType(HttpClientType.Compatible);
      profile.setHttpClientConfig(http);
      DefaultAcsClient sdk = new DefaultAcsClient(profile);
      sdk.setAutoRetry(false);

      for (int i = 0; i < warmup; i++) {
        call(playAuth, ok, 200);
        bare(sdk, config);
        call(playAuth, refused, 400);
      }
      Percentiles full = new Percentiles(rounds);
      Percentiles sdkOnly = new Percentiles(rounds);
      Percentiles noVod = new Percentiles(rounds);
      for (int i = 0; i < rounds; i++) {
        full.add(call(playAuth, ok, 200));
        sdkOnly.add(bare(sdk, config));
        noVod.add(call(playAuth, refused, 400));
      }
      System.out.println("  handleHttp, play-auth 200 via emulator:   " + full.summary());
      System.out.println("  bare SDK doAction, same request:          " + sdkOnly.summary());
      System.out.printf("  => our overhead per call at p50:          %.3f ms (handleHttp p50 - SDK p50)%n",
          full.millis(50) - sdkOnly.millis(50));
      System.out.println("  handleHttp, refused by validation (no VOD call): " + noVod.summary());
    }
  }

  private static long call(VodFunction function, HttpRequest request, int expected) {
    Invocation invocation = Invocation.of(UUID.randomUUID().toString(), "bench", 10_000);
    long t0 = System.nanoTime();
    int status = function.handleHttp(request, invocation).status();
    long elapsed = System.nanoTime() - t0;
    if (status != expected) throw new IllegalStateException("handleHttp answered " + status + ", expected " + expected);
    return elapsed;
  }

  /** The same request VodClient sends, made the way VodClient makes it (endpoint, protocol, format, timeouts). */
  private static long bare(DefaultAcsClient sdk, Config config) throws Exception {
    long t0 = System.nanoTime();
    GetVideoPlayAuthRequest request = new GetVideoPlayAuthRequest();
    request.setVideoId(VIDEO);
    request.setAuthInfoTimeout((long) config.authInfoTimeoutDefault());
    request.setSysEndpoint(config.endpoint());
    request.setSysProtocol(ProtocolType.HTTP);
    request.setSysAcceptFormat(FormatType.JSON);
    request.setSysConnectTimeout(config.connectTimeoutMillis());
    request.setSysReadTimeout(config.readTimeoutMillis());
    HttpResponse response = sdk.doAction(request);
    long elapsed = System.nanoTime() - t0;
    if (response.getStatus() != 200) throw new IllegalStateException("SDK call answered " + response.getStatus());
    return elapsed;
  }
}
