package dev.vodauth.operation;

import com.aliyuncs.RpcAcsRequest;
import com.aliyuncs.vod.model.v20170321.GetVideoInfoRequest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.vod.VodCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Who created an upload, kept by VOD itself so that only the creator refreshes it, with no
 * database of ours. create-upload tags the video {@code creator:<24 base32 characters of
 * SHA-256(sub)>} (32 bytes, VOD's limit for a tag; no subject in clear); a caller can never set
 * that tag. refresh-upload, for a token whose video claim does not list the video, asks VOD for
 * the video's tags (GetVideoInfo: it answers Tags, not UserData) and refreshes only when the
 * caller's own tag is there.
 */
final class Creators {
  static final String TAG_PREFIX = "creator:";
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Creators() {}

  /** The tag naming this subject as a video's creator. */
  static String tag(String subject) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    StringBuilder tag = new StringBuilder(TAG_PREFIX);
    long buffer = 0;
    int bits = 0;
    for (int i = 0; tag.length() < 32; ) {
      if (bits < 5) {
        buffer = (buffer << 8) | (digest[i++] & 0xff);
        bits += 8;
      }
      tag.append(BASE32[(int) (buffer >>> (bits - 5)) & 31]);
      bits -= 5;
    }
    return tag.toString();
  }

  /** Whether a caller's tag claims to name a creator: refused, only the function sets those. */
  static boolean isCreatorTag(String tag) {
    return tag.trim().toLowerCase(Locale.ROOT).startsWith(TAG_PREFIX);
  }

  /** Asks VOD whether the video carries {@code tag}; when it does, {@code then} is made. */
  static VodCall check(String videoId, String tag, VodCall then) {
    return new Check(videoId, tag, then);
  }

  private static final class Check extends VodCall {
    private final VodCall then;

    Check(String videoId, String tag, VodCall then) {
      super(videoId, body -> read(body, tag));
      this.then = then;
    }

    @Override
    public RpcAcsRequest<?> sdkRequest() {
      GetVideoInfoRequest request = new GetVideoInfoRequest();
      request.setVideoId(videoId());
      return request;
    }

    @Override
    public VodCall then() {
      return then;
    }

    private static Answer read(JsonNode body, String tag) {
      if (body == null || !body.path("RequestId").isTextual() || !body.path("Video").isObject()) {
        return Answer.error(ErrorKind.VOD_BAD_RESPONSE, "VOD's response could not be read");
      }
      for (String each : body.path("Video").path("Tags").asText("").split(",")) {
        if (each.trim().equals(tag)) return Answer.success((com.fasterxml.jackson.databind.node.ObjectNode) body);
      }
      return Answer.error(ErrorKind.VIDEO_NOT_ENTITLED, "The token does not entitle its holder to this VideoId.")
          .withDetail("token refused: its video claim does not hold the VideoId and the video is not its subject's upload");
    }

    @Override
    public String toString() {
      return "GetVideoInfo{VideoId=" + videoId() + "} then " + then;
    }
  }
}
