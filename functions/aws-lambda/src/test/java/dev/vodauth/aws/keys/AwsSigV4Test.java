package dev.vodauth.aws.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The signer against AWS's published Signature Version 4 test suite: credentials AKIDEXAMPLE /
 * wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20150830T123600Z, us-east-1, service "service".
 * Expected texts are the suite's {@code .creq}, {@code .sts} and {@code .authz} files
 * (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html, the
 * aws-sig-v4-test-suite; kept in github.com/awslabs/aws-c-auth under
 * tests/aws-signing-test-suite/v4/): the suite's POST cases, the only request signed; and the one
 * request itself against the AWS SDK's signer. A signer checked only against itself checks nothing.
 */
class AwsSigV4Test {
  static final AwsCredentials SUITE = AwsCredentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);
  static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");
  static final String HOST = "example.amazonaws.com";
  static final String SCOPE = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";
  /** The suite's example session token (post-sts-token). */
  static final String SUITE_TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMi"
      + "cRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0w"
      + "q5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9F"
      + "X9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

  @Test
  void postXWwwFormUrlencodedSignsTheBodyAndItsContentType() {
    AwsSigV4.Signed signed =
        sign(Map.of("Content-Type", "application/x-www-form-urlencoded"), "Param1=value1".getBytes(StandardCharsets.UTF_8), SUITE);

    // The .authz file; the suite's .creq beside it was generated from another request (a known flaw).
    assertEquals(SCOPE + "SignedHeaders=content-type;host;x-amz-date, "
        + "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a", signed.authorization());
  }

  @Test
  void postStsHeaderBeforeSignsTheSessionTokenAndSendsIt() {
    AwsCredentials withToken = AwsCredentials.of(SUITE.accessKeyId(), SUITE.secretAccessKey(), SUITE_TOKEN);

    AwsSigV4.Signed signed = sign(Map.of(), new byte[0], withToken);

    assertEquals("AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        + "c237e1b440d4c63c32ca95b5b99481081cb7b13c7e40434868e71567c1a882f6", signed.stringToSign());
    assertEquals(SCOPE + "SignedHeaders=host;x-amz-date;x-amz-security-token, "
        + "Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead", signed.authorization());
    assertEquals(SUITE_TOKEN, signed.headers().get("X-Amz-Security-Token"));
  }

  @Test
  void anotherSecretKeyOrTimeGivesAnotherSignatureAndTheSecretIsNeverInTheHeaders() {
    AwsSigV4.Signed suite = sign(Map.of(), new byte[0], SUITE);

    AwsSigV4.Signed otherKey = sign(Map.of(), new byte[0], AwsCredentials.of("AKIDEXAMPLE", "another-secret", null));
    AwsSigV4.Signed otherTime = AwsSigV4.signPost(HOST, Map.of(), new byte[0], "us-east-1", "service", SUITE, AT.plusSeconds(1));

    assertNotEquals(suite.signature(), otherKey.signature());
    assertNotEquals(suite.signature(), otherTime.signature());
    assertFalse(otherKey.headers().toString().contains("another-secret"));
  }

  @Test
  void headersTheSignerSetsItselfAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> sign(Map.of("X-Amz-Date", "20150830T123600Z"), new byte[0], SUITE));

    assertEquals("the signer sets X-Amz-Date itself", e.getMessage());
  }

  @Test
  void getSecretValueIsSignedExactlyAsTheAwsSdksOwnSignerSignsIt() {
    // The SDK's AwsV4HttpSigner (test scope only) always signs X-Amz-Content-Sha256 as well.
    assertEquals(SignerProbe.Sdk.sign(), SignerProbe.ours());
  }

  private static AwsSigV4.Signed sign(Map<String, String> headers, byte[] payload, AwsCredentials credentials) {
    return AwsSigV4.signPost(HOST, headers, payload, "us-east-1", "service", credentials, AT);
  }
}
