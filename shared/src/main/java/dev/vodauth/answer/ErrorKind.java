package dev.vodauth.answer;

/**
 * The closed set of failures a function answers, one constant per row of the error tables: the
 * status, the code when it is ours, whether it is retried inside the call, and whether an event
 * carrying it fails the invocation (so the platform retries it) instead of being answered.
 */
public enum ErrorKind {
  MISSING_PARAMETER(400, "MissingParameter", false, false),
  INVALID_PARAMETER(400, "InvalidParameter", false, false),
  METHOD_NOT_ALLOWED(405, "MethodNotAllowed", false, false),
  PAYLOAD_TOO_LARGE(413, "PayloadTooLarge", false, false),
  UNSUPPORTED_MEDIA_TYPE(415, "UnsupportedMediaType", false, false),
  /** More messages in one invocation than EVENT_BATCH_MAX_MESSAGES: refused whole, permanently. */
  BATCH_TOO_LARGE(413, "BatchTooLarge", false, false),
  /** One event message over EVENT_MESSAGE_MAX_BYTES: refused permanently, nothing of it echoed. */
  MESSAGE_TOO_LARGE(413, "MessageTooLarge", false, false),
  /**
   * An event whose answers nobody would receive (an SQS event source mapping's batch): the
   * invocation fails, so the platform keeps the messages instead of deleting them as done.
   */
  UNSUPPORTED_EVENT_SOURCE(400, "UnsupportedEventSource", false, true),

  /** No bearer token where tokens are on (RFC 6750: a 401 without an error attribute). */
  MISSING_TOKEN(401, "MissingToken", false, false),
  /** A token that is malformed, badly signed, expired, not yet valid or not for us. */
  INVALID_TOKEN(401, "InvalidToken", false, false),
  /** A good token whose video claim does not hold the requested VideoId. */
  VIDEO_NOT_ENTITLED(403, "Forbidden.VideoNotEntitled", false, false),
  /** The issuer's keys could not be fetched and none are cached: never fail open. */
  TOKEN_KEYS_UNAVAILABLE(503, "TokenKeysUnavailable", false, true),

  VIDEO_NOT_FOUND(404, "InvalidVideo.NotFound", false, false),
  ILLEGAL_STATUS(403, "Forbidden.IllegalStatus", false, false),
  VIDEO_DAMAGED(400, "InvalidVideo.Damaged", false, false),
  /** VOD sends Throttling.User with HTTP 400: it is classified by Code, not by status. */
  THROTTLED(429, "Throttling", true, true),
  /** Retried once inside the call, after the keys are reloaded, not by the retry budget. */
  CREDENTIALS_REJECTED(502, "VodCredentialsRejected", false, true),
  CREDENTIALS_UNAVAILABLE(502, "VodCredentialsUnavailable", false, true),
  VOD_SERVER_ERROR(502, "InternalError", true, true),
  VOD_UNAVAILABLE(503, "ServiceUnavailable", true, true),
  VOD_TIMEOUT(504, "VodTimeout", true, true),
  /** A response we could not read (truncated, not JSON, fields missing). */
  VOD_BAD_RESPONSE(502, "VodBadResponse", true, true),
  /** Any other VOD code: passed on as VOD sent it. */
  VOD_REJECTED(502, "VodError", false, false),
  /** A defect of ours: the message says nothing more than that. */
  INTERNAL(500, "InternalError", false, true);

  private final int status;
  private final String defaultCode;
  private final boolean retriedInCall;
  private final boolean failsEvent;

  ErrorKind(int status, String defaultCode, boolean retriedInCall, boolean failsEvent) {
    this.status = status;
    this.defaultCode = defaultCode;
    this.retriedInCall = retriedInCall;
    this.failsEvent = failsEvent;
  }

  public int status() {
    return status;
  }

  /** The code answered when no VOD code is passed on. */
  public String defaultCode() {
    return defaultCode;
  }

  /** Worth another attempt inside the same invocation (with backoff, inside the deadline). */
  public boolean isRetriedInCall() {
    return retriedInCall;
  }

  /** A transient failure: an event with it fails the invocation so the platform retries it. */
  public boolean failsEvent() {
    return failsEvent;
  }

  /**
   * Classifies a VOD error by its Code, the HTTP status only where the Code says nothing.
   *
   * @param code VOD's Code, or null when the body had none
   * @param httpStatus the HTTP status VOD answered
   */
  public static ErrorKind ofVod(String code, int httpStatus) {
    if (code != null) {
      switch (code) {
        case "InvalidVideo.NotFound":
          return VIDEO_NOT_FOUND;
        case "Forbidden.IllegalStatus":
          return ILLEGAL_STATUS;
        case "InvalidVideo.Damaged":
          return VIDEO_DAMAGED;
        case "SignatureDoesNotMatch":
        case "Forbidden.RAM":
          return CREDENTIALS_REJECTED;
        case "InternalError":
        case "SignatureNonceUsed": // a nonce collision: the retry is signed with a fresh nonce
          return VOD_SERVER_ERROR;
        case "ServiceUnavailable":
          return VOD_UNAVAILABLE;
        default:
          break;
      }
      if (code.equals("Throttling") || code.startsWith("Throttling.")) return THROTTLED;
      if (code.startsWith("InvalidAccessKeyId") || code.startsWith("InvalidSecurityToken")) {
        return CREDENTIALS_REJECTED;
      }
    }
    if (httpStatus == 503) return VOD_UNAVAILABLE;
    if (httpStatus >= 500) return VOD_SERVER_ERROR;
    return code == null ? VOD_BAD_RESPONSE : VOD_REJECTED;
  }
}
