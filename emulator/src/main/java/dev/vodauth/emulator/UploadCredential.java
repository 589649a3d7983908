package dev.vodauth.emulator;

/**
 * An upload credential the emulator answered (CreateUploadVideo or RefreshUploadVideo), as its UploadAuth and
 * UploadAddress decode: what an OSS stand-in checks a browser's upload against.
 */
public final class UploadCredential {
  private final String videoId;
  private final String accessKeyId;
  private final String accessKeySecret;
  private final String securityToken;
  private final String bucket;
  private final String fileName;

  UploadCredential(String videoId, String accessKeyId, String accessKeySecret, String securityToken, String bucket,
      String fileName) {
    this.videoId = videoId;
    this.accessKeyId = accessKeyId;
    this.accessKeySecret = accessKeySecret;
    this.securityToken = securityToken;
    this.bucket = bucket;
    this.fileName = fileName;
  }

  public String videoId() {
    return videoId;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  public String accessKeySecret() {
    return accessKeySecret;
  }

  public String securityToken() {
    return securityToken;
  }

  /** UploadAddress's {@code Bucket}. */
  public String bucket() {
    return bucket;
  }

  /** UploadAddress's {@code FileName}: the object the upload writes. */
  public String fileName() {
    return fileName;
  }

  /** Names the video and the key ID only: the secret and the token stay out of test reports. */
  @Override
  public String toString() {
    return "UploadCredential{videoId=" + videoId + ", accessKeyId=" + accessKeyId + "}";
  }
}
