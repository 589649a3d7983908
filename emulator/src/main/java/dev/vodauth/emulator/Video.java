package dev.vodauth.emulator;

import java.util.Objects;

/** A video in the emulator's catalogue: immutable, built with {@link #of} and fluent copies. */
public final class Video {
  private final String videoId;
  private final VideoStatus status;
  private final String title;
  private final double duration;
  private final String coverUrl;
  private final boolean damaged;
  private final String tags;
  private final String userData;

  private Video(String videoId, VideoStatus status, String title, double duration, String coverUrl, boolean damaged,
      String tags, String userData) {
    this.videoId = videoId;
    this.status = status;
    this.title = title;
    this.duration = duration;
    this.coverUrl = coverUrl;
    this.damaged = damaged;
    this.tags = tags;
    this.userData = userData;
  }

  /** A video with an empty title, duration 0, no cover, no tags. */
  public static Video of(String videoId, VideoStatus status) {
    Objects.requireNonNull(videoId, "videoId == null");
    Objects.requireNonNull(status, "status == null");
    if (videoId.isEmpty()) {
      throw new IllegalArgumentException("videoId is empty");
    }
    return new Video(videoId, status, "", 0.0, null, false, null, null);
  }

  public Video withTitle(String newTitle) {
    return new Video(videoId, status, Objects.requireNonNull(newTitle, "title == null"), duration, coverUrl, damaged, tags,
        userData);
  }

  public Video withDuration(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("duration must be finite and >= 0: " + seconds);
    }
    return new Video(videoId, status, title, seconds, coverUrl, damaged, tags, userData);
  }

  /** A copy with this cover image URL; null means VOD has none and omits {@code CoverURL}. */
  public Video withCoverUrl(String url) {
    return new Video(videoId, status, title, duration, url, damaged, tags, userData);
  }

  public Video withStatus(VideoStatus newStatus) {
    return new Video(videoId, Objects.requireNonNull(newStatus, "status == null"), title, duration, coverUrl, damaged, tags,
        userData);
  }

  /** A copy that RefreshUploadVideo refuses with {@code InvalidVideo.Damaged}. */
  public Video damaged() {
    return new Video(videoId, status, title, duration, coverUrl, true, tags, userData);
  }

  /** A copy with these tags, comma-separated as VOD takes and answers them; null for none. */
  public Video withTags(String commaSeparated) {
    return new Video(videoId, status, title, duration, coverUrl, damaged, commaSeparated, userData);
  }

  /** A copy with the UserData JSON text it was created with; null for none. */
  public Video withUserData(String json) {
    return new Video(videoId, status, title, duration, coverUrl, damaged, tags, json);
  }

  public String videoId() {
    return videoId;
  }

  public VideoStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  public double duration() {
    return duration;
  }

  /** The cover image URL, or null. */
  public String coverUrl() {
    return coverUrl;
  }

  public boolean isDamaged() {
    return damaged;
  }

  /** The tags, comma-separated, or null. */
  public String tags() {
    return tags;
  }

  /** The UserData given to CreateUploadVideo, or null: VOD answers it in no API, only in event notifications. */
  public String userData() {
    return userData;
  }

  @Override
  public String toString() {
    return "Video{" + videoId + ", " + status.wireName() + (damaged ? ", damaged" : "") + ", title=" + title + "}";
  }
}
