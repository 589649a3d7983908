package dev.vodauth.emulator;

/** A video's status as VOD reports it in {@code VideoMeta.Status}. */
public enum VideoStatus {
  UPLOADING("Uploading"),
  UPLOAD_FAIL("UploadFail"),
  UPLOAD_SUCC("UploadSucc"),
  TRANSCODING("Transcoding"),
  TRANSCODE_FAIL("TranscodeFail"),
  CHECKING("Checking"),
  BLOCKED("Blocked"),
  NORMAL("Normal"),
  PRODUCING("Producing"),
  PRODUCE_FAIL("ProduceFail");

  private final String wireName;

  VideoStatus(String wireName) {
    this.wireName = wireName;
  }

  /** The status exactly as it appears in VOD's responses, e.g. "UploadSucc". */
  public String wireName() {
    return wireName;
  }

  /** Whether GetVideoPlayAuth issues a PlayAuth for a video in this status (only Normal ones). */
  public boolean isPlayable() {
    return this == NORMAL;
  }
}
