package dev.vodauth.vod;

import com.aliyuncs.CommonRequest;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.MethodType;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.config.Config;
import dev.vodauth.credentials.CredentialsSource;
import dev.vodauth.credentials.CredentialsUnavailableException;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.log.Redaction;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads an application's PlayKey with VOD's GetAppPlayKey, through the core SDK's generic request
 * (the VOD SDK has no model for it), signed with the function's own VOD keys. One attempt, bounded
 * by the invocation's deadline; the answer is VOD's JSON ({@code {"RequestId", "AppPlayKey":
 * {"AppId", "PlayKey", ...}}}) or an error classified as {@link VodClient} classifies them. The SDK
 * client is built at the first read, so a deployment that never reads a PlayKey never loads it.
 *
 * <p>The answer holds the PlayKey: never log it.
 */
public final class AppPlayKeyClient {
  static final String ACTION = "GetAppPlayKey";
  static final String API_VERSION = "2017-03-21";
  private static final long MIN_ATTEMPT_MILLIS = 50;

  private final Config config;
  private final CredentialsSource credentials;
  private final ObjectMapper json;
  private final ExecutorService exchanges = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "vod-play-key");
    thread.setDaemon(true);
    return thread;
  });
  private volatile Sdk sdk;

  public AppPlayKeyClient(Config config, CredentialsSource credentials, ObjectMapper json) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.credentials = Objects.requireNonNull(credentials, "credentials == null");
    this.json = json;
  }

  /**
   * VOD's answer to GetAppPlayKey for {@code appId}.
   *
   * @param ownKeys the invocation's keys (FC's role), or null for the container's credentials
   */
  public Answer read(String appId, Deadline deadline, VodCredentials ownKeys) {
    if (deadline.remainingMillis() < MIN_ATTEMPT_MILLIS) {
      return Answer.error(ErrorKind.VOD_TIMEOUT, "VOD did not answer GetAppPlayKey within the invocation's time");
    }
    VodCredentials keys;
    try {
      keys = ownKeys != null ? ownKeys : credentials.load();
    } catch (CredentialsUnavailableException e) {
      return Answer.error(ErrorKind.CREDENTIALS_UNAVAILABLE, "The function has no VOD credentials.")
          .withDetail(Redaction.clean(e.getMessage()));
    }
    long budget = deadline.remainingMillis();
    Sdk client = sdk();
    Future<Answer> exchange = exchanges.submit(() -> client.exchange(appId, keys, (int) Math.min(Integer.MAX_VALUE, budget)));
    Answer answer;
    try {
      answer = exchange.get(budget, TimeUnit.MILLISECONDS).withoutKeys(keys);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      answer = Answer.error(ErrorKind.VOD_TIMEOUT, "VOD did not answer GetAppPlayKey in time");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      answer = Answer.error(ErrorKind.VOD_TIMEOUT, "The call to VOD was interrupted");
    } catch (ExecutionException e) {
      answer = Answer.error(ErrorKind.VOD_UNAVAILABLE, "GetAppPlayKey failed: " + e.getCause().getClass().getSimpleName());
    }
    if (!answer.isSuccess() && answer.kind() == ErrorKind.CREDENTIALS_REJECTED && ownKeys == null) {
      credentials.invalidate(); // the next read loads the rotated keys
    }
    return answer.withAttempts(1);
  }

  private Sdk sdk() {
    Sdk built = sdk;
    if (built == null) {
      synchronized (this) {
        if (sdk == null) sdk = new Sdk(config, json);
        built = sdk;
      }
    }
    return built;
  }

  /** The SDK side, loaded only when a PlayKey is read. */
  private static final class Sdk {
    private final DefaultAcsClient client;
    private final InvocationKeys keys = new InvocationKeys();
    private final String endpoint;
    private final ProtocolType protocol;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ObjectMapper json;

    Sdk(Config config, ObjectMapper json) {
      this.endpoint = config.endpoint();
      this.protocol = VodClient.isLoopback(endpoint) ? ProtocolType.HTTP : ProtocolType.HTTPS;
      this.connectTimeoutMillis = config.connectTimeoutMillis();
      this.readTimeoutMillis = config.readTimeoutMillis();
      this.json = json;
      DefaultProfile profile = DefaultProfile.getProfile(config.region());
      HttpClientConfig http = HttpClientConfig.getDefault();
      http.setClientType(HttpClientType.Compatible);
      http.setProtocolType(protocol);
      http.setConnectionTimeoutMillis(connectTimeoutMillis);
      http.setReadTimeoutMillis(readTimeoutMillis);
      profile.setHttpClientConfig(http);
      this.client = new DefaultAcsClient(profile, keys);
      this.client.setAutoRetry(false);
      this.client.setHttpClient(new CapturingHttpClient(client.getHttpClient()));
    }

    Answer exchange(String appId, VodCredentials signingKeys, int budgetMillis) {
      CommonRequest request = new CommonRequest();
      request.setSysMethod(MethodType.POST);
      request.setSysDomain(endpoint);
      request.setSysProtocol(protocol);
      request.setSysVersion(API_VERSION);
      request.setSysAction(ACTION);
      request.setSysAccept(FormatType.JSON);
      request.setSysConnectTimeout(Math.min(connectTimeoutMillis, budgetMillis));
      request.setSysReadTimeout(Math.min(readTimeoutMillis, budgetMillis));
      request.putQueryParameter("AppId", appId);
      keys.set(signingKeys);
      try {
        HttpResponse response = client.doAction(request.buildRequest());
        HttpResponse error = CapturingHttpClient.takeErrorResponse();
        return error != null ? readError(error) : readSuccess(response);
      } catch (ClientException e) {
        HttpResponse error = CapturingHttpClient.takeErrorResponse();
        return error != null ? readError(error) : transportFailure(e);
      } catch (RuntimeException e) {
        return Answer.error(ErrorKind.VOD_UNAVAILABLE, "GetAppPlayKey failed: " + e.getClass().getSimpleName());
      } finally {
        keys.clear();
        CapturingHttpClient.takeErrorResponse();
      }
    }

    private Answer readSuccess(HttpResponse response) {
      JsonNode body = parse(response);
      if (!(body instanceof ObjectNode) || !body.path("AppPlayKey").path("PlayKey").isTextual()) {
        return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's GetAppPlayKey response has no AppPlayKey.PlayKey");
      }
      return Answer.success((ObjectNode) body);
    }

    private Answer readError(HttpResponse response) {
      JsonNode body = parse(response);
      String code = body == null ? null : body.path("Code").asText(null);
      String requestId = body == null ? null : body.path("RequestId").asText(null);
      ErrorKind kind = ErrorKind.ofVod(code, response.getStatus());
      if (kind == ErrorKind.CREDENTIALS_REJECTED) {
        return Answer.vodError(kind, kind.defaultCode(), "VOD rejected the function's credentials for GetAppPlayKey (" + code + ")",
            requestId);
      }
      if (kind == ErrorKind.VOD_BAD_RESPONSE) {
        return Answer.vodError(kind, null, "VOD answered GetAppPlayKey with HTTP " + response.getStatus(), requestId);
      }
      // VOD's own text is not passed on: only what failed, and VOD's code.
      return Answer.vodError(kind, code, "VOD refused GetAppPlayKey (" + code + ")", requestId);
    }

    private JsonNode parse(HttpResponse response) {
      byte[] content = response.getHttpContent();
      if (content == null || content.length == 0) return null;
      try {
        return json.readTree(content);
      } catch (IOException e) {
        return null;
      }
    }

    private static Answer transportFailure(ClientException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CapturingHttpClient.BodyCutShortException) {
          return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's GetAppPlayKey response ended before the end of its body");
        }
        if (t instanceof SocketTimeoutException || "SDK.ReadTimeout".equals(e.getErrCode())) {
          return Answer.error(ErrorKind.VOD_TIMEOUT, "VOD did not answer GetAppPlayKey in time");
        }
      }
      return Answer.error(ErrorKind.VOD_UNAVAILABLE, "VOD could not be reached for GetAppPlayKey (" + e.getErrCode() + ")");
    }
  }
}
