package dev.vodauth.vod;

/** The two VOD operations this project serves, with their API names and function names. */
public enum VodOperation {
  /** GetVideoPlayAuth: a playback credential for a video. */
  PLAY_AUTH("GetVideoPlayAuth", "play-auth", "PlayAuth"),
  /** RefreshUploadVideo: a fresh upload credential for a video. */
  REFRESH_UPLOAD("RefreshUploadVideo", "refresh-upload", "UploadAuth", "UploadAddress");

  private final String action;
  private final String functionName;
  private final String[] credentialFields;

  VodOperation(String action, String functionName, String... credentialFields) {
    this.action = action;
    this.functionName = functionName;
    this.credentialFields = credentialFields;
  }

  /** The API's Action name, as VOD and callers spell it. */
  public String action() {
    return action;
  }

  /** The function's name in logs and deployment files. */
  public String functionName() {
    return functionName;
  }

  /** The response fields that hold a credential: required in a success, never logged. */
  public String[] credentialFields() {
    return credentialFields.clone();
  }

  /** The root element of the API's XML response ({@code GetVideoPlayAuthResponse}). */
  public String xmlRoot() {
    return action + "Response";
  }
}
