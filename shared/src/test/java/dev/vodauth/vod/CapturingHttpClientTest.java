package dev.vodauth.vod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.auth.BasicCredentials;
import com.aliyuncs.auth.StaticCredentialsProvider;
import com.aliyuncs.http.CallBack;
import com.aliyuncs.http.FormatType;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.HttpClientType;
import com.aliyuncs.http.HttpRequest;
import com.aliyuncs.http.HttpResponse;
import com.aliyuncs.http.IHttpClient;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.profile.DefaultProfile;
import com.aliyuncs.vod.model.v20170321.GetVideoPlayAuthRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SDK's own JSON reader loops forever on a truncated error body: the wrapper keeps it away. */
@Timeout(10)
class CapturingHttpClientTest {
  @Test
  void truncatedErrorBodyNeverReachesTheSdksReader() throws Exception {
    byte[] truncated = "{\"RequestId\":\"R1\",\"Code\":\"Throttling.User\",\"Mess".getBytes(StandardCharsets.UTF_8);
    DefaultProfile profile = DefaultProfile.getProfile("cn-shanghai");
    HttpClientConfig http = HttpClientConfig.getDefault();
    http.setClientType(HttpClientType.Compatible); // as VodClient: Apache HttpClient is not on the class path
    profile.setHttpClientConfig(http);
    DefaultAcsClient sdk = new DefaultAcsClient(profile, new StaticCredentialsProvider(new BasicCredentials("id", "secret")));
    sdk.setHttpClient(new CapturingHttpClient(new Answering(400, truncated)));
    GetVideoPlayAuthRequest request = new GetVideoPlayAuthRequest();
    request.setVideoId("abc");
    request.setSysEndpoint("127.0.0.1:1");
    request.setSysProtocol(ProtocolType.HTTP);

    HttpResponse returned = sdk.doAction(request); // would spin without the wrapper

    assertFalse(returned.isSuccess());
    HttpResponse kept = CapturingHttpClient.takeErrorResponse();
    assertEquals(400, kept.getStatus());
    assertEquals(new String(truncated, StandardCharsets.UTF_8), new String(kept.getHttpContent(), StandardCharsets.UTF_8));
  }

  @Test
  void aBodyShorterThanItsContentLengthIsCutShortNotASuccess() {
    byte[] half = "{\"RequestId\":\"R1\",\"PlayAu".getBytes(StandardCharsets.UTF_8);
    Answering answering = new Answering(200, half);
    answering.contentLength = "120";
    CapturingHttpClient client = new CapturingHttpClient(answering);

    // HttpURLConnection hands back what it got when the connection closes early; the length tells.
    assertThrows(CapturingHttpClient.BodyCutShortException.class, () -> client.syncInvoke(new HttpRequest("http://127.0.0.1:1/")));
    answering.contentLength = Integer.toString(half.length);
    assertDoesNotThrow(() -> client.syncInvoke(new HttpRequest("http://127.0.0.1:1/")));
  }

  /** An HTTP client that answers every request with one canned response, without a network. */
  private static final class Answering extends IHttpClient {
    private final int status;
    private final byte[] body;
    String contentLength;

    Answering(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }

    @Override
    protected void init(HttpClientConfig config) {}

    @Override
    public HttpResponse syncInvoke(HttpRequest request) {
      HttpResponse response = new HttpResponse(request.getSysUrl());
      response.setStatus(status);
      response.setHttpContent(body, "UTF-8", FormatType.JSON);
      if (contentLength != null) response.putHeaderParameter("content-length", contentLength);
      return response;
    }

    @Override
    public Future<HttpResponse> asyncInvoke(HttpRequest request, CallBack callback) {
      throw new UnsupportedOperationException();
    }

    @Override
    @Deprecated
    public void ignoreSSLCertificate() {}

    @Override
    @Deprecated
    public void restoreSSLCertificate() {}

    @Override
    public boolean isSingleton() {
      return false;
    }

    @Override
    public void close() {}
  }
}
