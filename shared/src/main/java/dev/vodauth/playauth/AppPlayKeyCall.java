package dev.vodauth.playauth;

import com.aliyuncs.CommonResponse;
import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.http.MethodType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.vod.VodCall;

/**
 * VOD's {@code GetAppPlayKey} for an application, made through the VOD client like any call (its
 * retries, deadline and credentials). The VOD SDK has no model for it: the request is the core
 * SDK's RPC request with the action named. The answer holds the PlayKey: never log it.
 */
final class AppPlayKeyCall extends VodCall {
  private final String appId;

  AppPlayKeyCall(String appId) {
    super(null, AppPlayKeyCall::readKey);
    this.appId = appId;
  }

  private static Answer readKey(JsonNode body) {
    if (!(body instanceof ObjectNode) || !body.path("AppPlayKey").path("PlayKey").isTextual()) {
      return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's GetAppPlayKey response has no AppPlayKey.PlayKey");
    }
    return Answer.success((ObjectNode) body);
  }

  @Override
  public RpcAcsRequest<?> sdkRequest() {
    return new Request(appId);
  }

  @Override
  public String toString() {
    return "GetAppPlayKey{AppId=" + appId + "}";
  }

  private static final class Request extends RpcAcsRequest<CommonResponse> {
    Request(String appId) {
      super("vod", "2017-03-21", "GetAppPlayKey", "vod");
      setSysMethod(MethodType.POST);
      putQueryParameter("AppId", appId);
    }

    @Override
    public Class<CommonResponse> getResponseClass() {
      return CommonResponse.class;
    }
  }
}
