package dev.vodauth.emulator;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A small fixed catalogue with one video per outcome, for demos and the standalone emulator.
 *
 * <table>
 *   <caption>Demo videos</caption>
 *   <tr><th>constant</th><th>VideoId</th><th>GetVideoPlayAuth</th><th>RefreshUploadVideo</th></tr>
 *   <tr><td>PLAYABLE</td><td>5aa0bbf5e8a84c7fb7a3a0f5c1d20001</td><td>PlayAuth (Normal, Chinese title)</td><td>UploadAuth</td></tr>
 *   <tr><td>NOT_YET_PLAYABLE</td><td>5aa0bbf5e8a84c7fb7a3a0f5c1d20002</td><td>403 Forbidden.IllegalStatus (Uploading)</td><td>UploadAuth</td></tr>
 *   <tr><td>BLOCKED</td><td>5aa0bbf5e8a84c7fb7a3a0f5c1d20003</td><td>403 Forbidden.IllegalStatus (Blocked)</td><td>UploadAuth</td></tr>
 *   <tr><td>DAMAGED</td><td>5aa0bbf5e8a84c7fb7a3a0f5c1d20004</td><td>403 Forbidden.IllegalStatus (UploadFail)</td><td>400 InvalidVideo.Damaged</td></tr>
 *   <tr><td>UNKNOWN</td><td>5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff</td><td>404 InvalidVideo.NotFound</td><td>404 InvalidVideo.NotFound</td></tr>
 * </table>
 */
public final class DemoCatalogue {
  /** A Normal video with a Chinese title: GetVideoPlayAuth succeeds. */
  public static final String PLAYABLE = "5aa0bbf5e8a84c7fb7a3a0f5c1d20001";
  /** Still Uploading: GetVideoPlayAuth answers Forbidden.IllegalStatus; RefreshUploadVideo succeeds. */
  public static final String NOT_YET_PLAYABLE = "5aa0bbf5e8a84c7fb7a3a0f5c1d20002";
  /** Blocked by review: GetVideoPlayAuth answers Forbidden.IllegalStatus. */
  public static final String BLOCKED = "5aa0bbf5e8a84c7fb7a3a0f5c1d20003";
  /** A failed, damaged upload: RefreshUploadVideo answers InvalidVideo.Damaged. */
  public static final String DAMAGED = "5aa0bbf5e8a84c7fb7a3a0f5c1d20004";
  /** Not in the catalogue: both operations answer InvalidVideo.NotFound. */
  public static final String UNKNOWN = "5aa0bbf5e8a84c7fb7a3a0f5c1d2ffff";
  /** The title of {@link #PLAYABLE}. */
  public static final String PLAYABLE_TITLE = "阿里云VOD 演示：西湖的春天";

  private DemoCatalogue() {}

  /** The demo videos (UNKNOWN, by design, is not among them). */
  public static List<Video> videos() {
    return Collections.unmodifiableList(Arrays.asList(
        Video.of(PLAYABLE, VideoStatus.NORMAL)
            .withTitle(PLAYABLE_TITLE)
            .withDuration(135.6)
            .withCoverUrl("https://image.example.com/demo/" + PLAYABLE + ".jpg"),
        Video.of(NOT_YET_PLAYABLE, VideoStatus.UPLOADING).withTitle("上传中的视频"),
        Video.of(BLOCKED, VideoStatus.BLOCKED).withTitle("已屏蔽的视频").withDuration(42.0),
        Video.of(DAMAGED, VideoStatus.UPLOAD_FAIL).withTitle("损坏的视频").damaged()));
  }
}
