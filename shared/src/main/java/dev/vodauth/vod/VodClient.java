package dev.vodauth.vod;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.CredentialsUnavailableException;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.http.JdkHttp;
import dev.vodauth.http.Loopback;
import dev.vodauth.log.Redaction;
import dev.vodauth.vod.VodCall;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.aliyuncs.http.HttpUtil;
import java.security.SecureRandom;

/**
 * Calls VOD through the official SDK and turns every outcome into an {@link Answer}: retries with
 * full-jitter backoff inside the invocation's deadline, reloads rejected keys once, and never lets
 * an SDK exception (whose text holds the signed URL) escape.
 *
 * <p>Thread-safe: build one per container and share it. The SDK's HTTP client is a process-wide
 * singleton that keeps the first client's settings, so protocol, endpoint and timeouts are set on
 * every request instead.
 */
public final class VodClient {
  /** The least time worth starting an attempt with: less, and the answer is a timeout. */
  private static final long MIN_ATTEMPT_MILLIS = 50;

  static {
    JdkHttp.noSilentPostRetry(); // before the SDK's first connection: no unseen resend of a call
  }


  private final Config config;
  private final CredentialsSource credentials;
  private final String endpoint;
  private final boolean https;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final int maxRetries;
  private final Backoff backoff;
  private final ObjectMapper json;
  private volatile Sdk sdk;
  private final ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "vod-call");
    thread.setDaemon(true);
    return thread;
  });

  private VodClient(Config config, CredentialsSource credentials, Random random, ObjectMapper json) {
    this.config = config;
    this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    this.endpoint = config.endpoint();
    this.https = !isLoopback(endpoint);
    this.connectTimeoutMillis = config.connectTimeoutMillis();
    this.readTimeoutMillis = config.readTimeoutMillis();
    this.maxRetries = config.maxRetries();
    this.backoff = new Backoff(config.retryBaseDelayMillis(), config.retryMaxDelayMillis(), random);
    this.json = json;
  }

  /** Builds the SDK client now (priming: SnapStart's checkpoint, FC's initializer) instead of at the first call. */
  public void prepare() {
    sdk();
  }

  /**
   * The SDK client, built at the first request to VOD: a path that sends none (a JWTPlayAuth
   * signed with a configured PlayKey, a refusal) loads none of the SDK's classes (BENCHMARKS.md).
   */
  private Sdk sdk() {
    Sdk built = sdk;
    if (built == null) {
      synchronized (this) {
        if (sdk == null) sdk = new Sdk(config, https, json);
        built = sdk;
      }
    }
    return built;
  }

  /**
   * Builds the container's client.
   *
   * @param credentials the container's keys (environment, secret store); asked on every attempt
   */
  public static VodClient create(Config config, CredentialsSource credentials, ObjectMapper json) {
    // SecureRandom, not Random: a Random seeded before a SnapStart snapshot would give every
    // restored container the same jitter, which is what jitter is there to prevent.
    return new VodClient(Objects.requireNonNull(config, "config == null"), credentials, new SecureRandom(), json);
  }

  /** As {@link #create}, with the jitter's randomness given (tests make retries repeatable). */
  public static VodClient create(Config config, CredentialsSource credentials, ObjectMapper json, Random random) {
    return new VodClient(Objects.requireNonNull(config, "config == null"), credentials, random, json);
  }

  /** The endpoint every request goes to. */
  public String endpoint() {
    return endpoint;
  }

  /** Whether requests go out over HTTPS (always, but to a loopback emulator). */
  public boolean usesHttps() {
    return https;
  }

  /**
   * Makes the call, retrying what is worth retrying while the deadline allows.
   *
   * @param ownKeys keys the platform gave this invocation (FC's role keys), or null to use the
   *     container's credentials source
   */
  public Answer call(VodCall call, Deadline deadline, VodCredentials ownKeys) {
    Answer here = call.answerHere(this, deadline, ownKeys);
    if (here != null) return here;
    long started = System.nanoTime();
    Answer answer = callWithRetries(call, deadline, ownKeys);
    // The latency metric: the time the caller waited on VOD, retries and backoff included.
    return answer.attempts() == 0 ? answer : answer.withVodMillis((System.nanoTime() - started) / 1_000_000L);
  }

  private Answer callWithRetries(VodCall call, Deadline deadline, VodCredentials ownKeys) {
    int attempts = 0;
    int retries = 0;
    boolean reloaded = false;
    while (true) {
      if (deadline.remainingMillis() < MIN_ATTEMPT_MILLIS) {
        return Answer.error(ErrorKind.VOD_TIMEOUT, "VOD did not answer within the invocation's time")
            .withAttempts(attempts);
      }
      attempts++;
      Answer answer = attempt(call, deadline, ownKeys);
      if (answer.isSuccess()) return answer.withAttempts(attempts);
      ErrorKind kind = answer.kind();
      if (kind == ErrorKind.CREDENTIALS_REJECTED && ownKeys == null && !reloaded) {
        credentials.invalidate(); // rotated keys: reload at once and try again, once
        reloaded = true;
        continue;
      }
      if (kind.isRetriedInCall() && retries < maxRetries && (call.repeatable() || kind == ErrorKind.THROTTLED)) {
        long delay = backoff.delayMillis(retries);
        if (deadline.remainingMillis() - delay >= MIN_ATTEMPT_MILLIS) {
          retries++;
          if (!sleep(delay)) return answer.withAttempts(attempts);
          continue;
        }
      }
      return answer.withAttempts(attempts);
    }
  }

  /** Seconds a throttled caller should wait: the longest backoff we would have used. */
  public long retryAfterSeconds() {
    return Math.max(1, (backoff.capMillis() + 999) / 1000);
  }

  private Answer attempt(VodCall call, Deadline deadline, VodCredentials ownKeys) {
    VodCredentials keys;
    try {
      keys = ownKeys != null ? ownKeys : credentials.load();
    } catch (CredentialsUnavailableException e) {
      return Answer.error(ErrorKind.CREDENTIALS_UNAVAILABLE, "The function has no VOD credentials.")
          .withDetail(Redaction.clean(e.getMessage()));
    }
    long budget = deadline.remainingMillis();
    // The socket's read timeout bounds each read, not the call: a peer that trickles bytes could
    // hold it for ever. The exchange runs on a worker and is given up at the deadline.
    Sdk client = sdk();
    Future<Answer> exchange = exchanges.submit(() -> client.exchange(call, keys, (int) Math.min(Integer.MAX_VALUE, budget)));
    try {
      // VOD may quote the keys in any message: see Redaction#withoutKeys
      return exchange.get(budget, TimeUnit.MILLISECONDS).withText(text -> Redaction.withoutKeys(text, keys));
    } catch (TimeoutException e) {
      exchange.cancel(true); // the worker ends at its next read timeout at the latest
      return Answer.error(ErrorKind.VOD_TIMEOUT, "VOD did not answer in time");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      return Answer.error(ErrorKind.VOD_TIMEOUT, "The call to VOD was interrupted");
    } catch (ExecutionException e) {
      return Answer.error(ErrorKind.VOD_UNAVAILABLE, "VOD call failed: " + e.getCause().getClass().getSimpleName());
    }
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The SDK's side, built at the first request (see {@link #sdk}). */
  private static final class Sdk {
    private final DefaultAcsClient sdk;
    private final InvocationKeys invocationKeys = new InvocationKeys();
    private final String endpoint;
    private final ProtocolType protocol;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ObjectMapper json;

    Sdk(Config config, boolean https, ObjectMapper json) {
      this.endpoint = config.endpoint();
      this.protocol = https ? ProtocolType.HTTPS : ProtocolType.HTTP;
      this.connectTimeoutMillis = config.connectTimeoutMillis();
      this.readTimeoutMillis = config.readTimeoutMillis();
      this.json = json;
      DefaultProfile profile = DefaultProfile.getProfile(config.region());
      HttpClientConfig http = HttpClientConfig.getDefault();
      // The JDK's HttpURLConnection, not Apache HttpClient: the same calls, and about 370 fewer
      // classes (and an SSL context built eagerly) on a cold start's first path (BENCHMARKS.md).
      http.setClientType(HttpClientType.Compatible);
      http.setProtocolType(protocol);
      http.setConnectionTimeoutMillis(connectTimeoutMillis);
      http.setReadTimeoutMillis(readTimeoutMillis);
      profile.setHttpClientConfig(http);
      // DEBUG=sdk in the environment makes the SDK log whole signed URLs and response bodies.
      HttpUtil.setIsHttpDebug(false);
      HttpUtil.setIsHttpContentDebug(false);
      this.sdk = new DefaultAcsClient(profile, invocationKeys);
      this.sdk.setAutoRetry(false); // retries are ours: bounded by the deadline, classified by Code
      this.sdk.setHttpClient(new CapturingHttpClient(sdk.getHttpClient()));
    }

    /** One request and its answer, on a worker thread (the SDK's thread-bound state lives here). */
    Answer exchange(VodCall call, VodCredentials keys, int budgetMillis) {
      RpcAcsRequest<?> request = call.sdkRequest();
      request.setSysEndpoint(endpoint);
      request.setSysProtocol(protocol);
      request.setSysAcceptFormat(FormatType.JSON);
      request.setSysConnectTimeout(Math.min(connectTimeoutMillis, budgetMillis));
      request.setSysReadTimeout(Math.min(readTimeoutMillis, budgetMillis));
      invocationKeys.set(keys);
      try {
        HttpResponse response = sdk.doAction(request);
        // The SDK returns a non-2xx response rather than throwing: read the real one we kept.
        HttpResponse error = CapturingHttpClient.takeErrorResponse();
        return error != null ? readError(error) : call.read(parse(response));
      } catch (ClientException e) { // ServerException is a ClientException
        HttpResponse error = CapturingHttpClient.takeErrorResponse();
        return error != null ? readError(error) : transportFailure(e);
      } catch (RuntimeException e) {
        return Answer.error(ErrorKind.VOD_UNAVAILABLE, "VOD call failed: " + e.getClass().getSimpleName());
      } finally {
        invocationKeys.clear();
        CapturingHttpClient.takeErrorResponse();
      }
    }

    private Answer readError(HttpResponse response) {
      JsonNode body = parse(response);
      String code = body == null ? null : body.path("Code").asText(null);
      String requestId = body == null ? null : body.path("RequestId").asText(null);
      ErrorKind kind = ErrorKind.ofVod(code, response.getStatus());
      switch (kind) {
        case CREDENTIALS_REJECTED:
          // VOD's message may echo the signed string: only the code is passed on.
          return Answer.vodError(kind, kind.defaultCode(), "VOD rejected the function's credentials (" + code + ")", requestId);
        case VOD_BAD_RESPONSE:
          return Answer.vodError(kind, null, "VOD answered HTTP " + response.getStatus() + " without an error code", requestId);
        default:
          String message = body == null ? null : Redaction.clean(body.path("Message").asText(null));
          return Answer.vodError(kind, code, message == null ? "VOD answered " + code : message, requestId);
      }
    }

    private JsonNode parse(HttpResponse response) {
      byte[] content = response.getHttpContent();
      if (content == null || content.length == 0) return null;
      try {
        return json.readTree(content);
      } catch (IOException e) {
        return null; // truncated or not JSON: the caller answers VodBadResponse
      }
    }

    private static Answer transportFailure(ClientException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CapturingHttpClient.BodyCutShortException) {
          return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's response ended before the end of its body");
        }
      }
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof SocketTimeoutException || "SDK.ReadTimeout".equals(e.getErrCode())) {
          return Answer.error(ErrorKind.VOD_TIMEOUT, "VOD did not answer in time");
        }
      }
      // The exception's own text holds the signed URL: only its kind is said.
      return Answer.error(ErrorKind.VOD_UNAVAILABLE, "VOD could not be reached (" + e.getErrCode() + ")");
    }
  }

  /** The endpoint's host (host, host:port or [v6]:port) is a loopback literal or localhost. */
  static boolean isLoopback(String endpoint) {
    String host = endpoint.startsWith("[") ? endpoint.substring(0, endpoint.indexOf(']') + 1) : endpoint.split(":")[0];
    return Loopback.isLoopback(host);
  }
}
