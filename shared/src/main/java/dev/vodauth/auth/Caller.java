package dev.vodauth.auth;

import dev.vodauth.answer.Answer;
import dev.vodauth.answer.ErrorKind;
import java.util.Set;

/**
 * Who is calling, as far as a function needs to know: refused (with the answer to give), or
 * allowed, with the videos a token entitles it to ask for.
 */
public final class Caller {
  private static final Caller ANYONE = new Caller(null, null, null);

  private final Answer refusal;
  private final Set<String> videos;
  private final String subject;

  private Caller(Answer refusal, Set<String> videos, String subject) {
    this.refusal = refusal;
    this.videos = videos;
    this.subject = subject;
  }

  /**
   * Tokens are off, the token names no video claim to check, or the platform itself delivers the
   * request (events): any video may be asked for.
   */
  public static Caller anyone() {
    return ANYONE;
  }

  static Caller refused(Answer refusal) {
    return new Caller(refusal, null, null);
  }

  /**
   * A verified token: its subject (null when it has none), and the VideoIds its video claim lists
   * ({@code *} for any), or null when no video claim is configured (any video).
   */
  static Caller verified(String subject, Set<String> videos) {
    return new Caller(null, videos == null ? null : Set.copyOf(videos), subject);
  }

  /** The verified token's subject ({@code sub}); null without tokens, for events, or when it has none. */
  public String subject() {
    return subject;
  }

  /** The 401/503 to answer instead of calling VOD, or null when the caller may go on. */
  public Answer refusal() {
    return refusal;
  }

  /** The 403 to answer for this video, or null when the caller may ask for it. */
  public Answer refusalFor(String videoId) {
    if (videos == null || videos.contains("*") || videos.contains(videoId)) return null;
    return Answer.error(ErrorKind.VIDEO_NOT_ENTITLED, "The token does not entitle its holder to this VideoId.")
        .withDetail("token refused: its video claim does not hold the requested VideoId");
  }
}
