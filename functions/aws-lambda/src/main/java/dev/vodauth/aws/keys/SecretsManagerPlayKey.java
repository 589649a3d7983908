package dev.vodauth.aws.keys;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.credentials.CredentialsUnavailableException;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.log.Redaction;
import dev.vodauth.playauth.PlayKey;
import dev.vodauth.playauth.PlayKeySource;
import dev.vodauth.request.Checked;
import dev.vodauth.vod.Deadline;
import dev.vodauth.vod.VodClient;

/**
 * The PlayKey kept in play-auth's own secret ({@code VOD_SECRET_ARN}) beside its AccessKey pair:
 * {@code {"AccessKeyId": "...", "AccessKeySecret": "...", "PlayKey": "..."}}. Read afresh on each
 * load ({@code CachedPlayKey} adds the TTL); with {@value #IN_SECRET}{@code =true}.
 */
final class SecretsManagerPlayKey implements PlayKeySource {
  /** {@code true}: the PlayKey is the secret's {@code PlayKey} field; else VOD_PLAY_KEY or GetAppPlayKey. */
  public static final String IN_SECRET = "VOD_PLAY_KEY_IN_SECRET";

  private final SecretsManagerCredentials secret;

  SecretsManagerPlayKey(SecretsManagerCredentials secret) {
    this.secret = secret;
  }

  @Override
  public Checked<PlayKey> load(VodClient client, Deadline deadline, VodCredentials ownKeys) {
    String reason;
    try {
      JsonNode value = secret.readSecret().path("PlayKey");
      if (value.isTextual() && PlayKey.isAcceptable(value.asText())) return Checked.ok(PlayKey.of(value.asText()));
      reason = "no PlayKey from secret " + secret.secretId() + ": its PlayKey field is "
          + (value.isMissingNode() ? "missing" : "not 8 to 20 letters and digits");
    } catch (CredentialsUnavailableException e) {
      reason = e.getMessage();
    }
    return Checked.refused(Answer.error(ErrorKind.CREDENTIALS_UNAVAILABLE, "The function has no PlayKey.")
        .withDetail(Redaction.clean(reason)));
  }

  @Override
  public void invalidate() {
    secret.invalidate();
  }
}
