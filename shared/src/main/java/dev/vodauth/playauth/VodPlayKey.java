package dev.vodauth.playauth;

import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import dev.vodauth.credentials.VodCredentials;
import dev.vodauth.request.Checked;
import dev.vodauth.vod.Deadline;
import dev.vodauth.vod.VodClient;

/** The PlayKey VOD holds for an application, read with GetAppPlayKey on every load (cache it). */
final class VodPlayKey implements PlayKeySource {
  private final String appId;

  VodPlayKey(String appId) {
    this.appId = appId;
  }

  @Override
  public Checked<PlayKey> load(VodClient client, Deadline deadline, VodCredentials ownKeys) {
    Answer answer = client.call(new AppPlayKeyCall(appId), deadline, ownKeys);
    if (!answer.isSuccess()) return Checked.refused(answer);
    String text = answer.body().path("AppPlayKey").path("PlayKey").asText();
    if (!PlayKey.isAcceptable(text)) {
      return Checked.refused(Answer.error(ErrorKind.VOD_BAD_RESPONSE,
          "VOD's PlayKey for " + appId + " is not 8 to 20 letters and digits"));
    }
    return Checked.ok(PlayKey.of(text));
  }
}
