package dev.vodauth.answer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorKindTest {
  @ParameterizedTest(name = "{0} with HTTP {1} is {2}")
  @CsvSource({
    "InvalidVideo.NotFound, 404, VIDEO_NOT_FOUND, 404, false",
    "Forbidden.IllegalStatus, 403, ILLEGAL_STATUS, 403, false",
    "InvalidVideo.Damaged, 400, VIDEO_DAMAGED, 400, false",
    "Throttling, 503, THROTTLED, 429, true",
    "Throttling.User, 400, THROTTLED, 429, true",
    "Throttling.Api, 400, THROTTLED, 429, true",
    "InvalidAccessKeyId.NotFound, 404, CREDENTIALS_REJECTED, 502, false",
    "InvalidAccessKeyId.Inactive, 403, CREDENTIALS_REJECTED, 502, false",
    "SignatureDoesNotMatch, 400, CREDENTIALS_REJECTED, 502, false",
    "InvalidSecurityToken.Expired, 403, CREDENTIALS_REJECTED, 502, false",
    "Forbidden.RAM, 403, CREDENTIALS_REJECTED, 502, false",
    "InternalError, 500, VOD_SERVER_ERROR, 502, true",
    "ServiceUnavailable, 503, VOD_UNAVAILABLE, 503, true",
    "SomethingNew, 500, VOD_SERVER_ERROR, 502, true",
    ", 503, VOD_UNAVAILABLE, 503, true",
    ", 400, VOD_BAD_RESPONSE, 502, true",
    "InvalidParameter, 400, VOD_REJECTED, 502, false",
    "Forbidden.NoPermission, 403, VOD_REJECTED, 502, false",
  })
  void vodErrorsAreClassifiedByCode(String code, int httpStatus, ErrorKind kind, int answered, boolean retried) {
    ErrorKind actual = ErrorKind.ofVod(code, httpStatus);

    assertEquals(kind, actual);
    assertEquals(answered, actual.status());
    assertEquals(retried, actual.isRetriedInCall());
  }
}
