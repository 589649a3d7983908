package dev.vodauth.vod;

import com.aliyuncs.RpcAcsRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.credentials.VodCredentials;
import java.util.function.Function;

/**
 * One validated request to VOD: exactly the parameters sent on, and how VOD's success is read.
 * Each operation makes its own ({@code PlayAuth.Call}); the client knows only this.
 */
public abstract class VodCall {
  private final String videoId;
  private final Function<JsonNode, Answer> reader;

  /**
   * @param videoId the video asked about, or null for a call that names none
   * @param reader VOD's success body to the answer, VodBadResponse when a field it needs is missing
   */
  protected VodCall(String videoId, Function<JsonNode, Answer> reader) {
    this.videoId = videoId;
    this.reader = reader;
  }

  /** The video asked about, or null for a call that names none (create-upload). */
  public final String videoId() {
    return videoId;
  }

  /** The SDK's request for this call; endpoint, protocol and timeouts are the client's to set. */
  public abstract RpcAcsRequest<?> sdkRequest();

  /**
   * Whether VOD may be asked again after an outcome we cannot know (a timeout, a 5xx, a cut
   * response): true for reads and refreshes; false for a call that creates something, which a
   * retry might create twice. Throttling, which VOD answers before acting, is retried either way.
   */
  public boolean repeatable() {
    return true;
  }

  /**
   * The call to make once this one has succeeded, or null: a check VOD answers (who created an
   * upload) before the call it guards. Only the last call's answer reaches the caller.
   */
  public VodCall then() {
    return null;
  }

  /**
   * The answer made here instead of sending {@link #sdkRequest}, or null to send it (the usual
   * case). A call whose credential is signed locally (play-auth's JWT kind) answers here, and may
   * make a VOD call of its own through {@code client} (reading its signing key).
   *
   * @param ownKeys keys the platform gave this invocation, or null for the container's
   */
  public Answer answerHere(VodClient client, Deadline deadline, VodCredentials ownKeys) {
    return null;
  }

  /** VOD's success body (null when unreadable) as the answer. */
  public final Answer read(JsonNode body) {
    return reader.apply(body);
  }
}
