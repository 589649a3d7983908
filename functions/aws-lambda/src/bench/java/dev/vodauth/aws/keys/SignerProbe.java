package dev.vodauth.aws.keys;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * One fresh JVM of {@link SignerBenchmark}: signs the one request the function sends
 * ({@code POST /} to Secrets Manager, GetSecretValue) once, with ours ({@code ours}) or the AWS
 * SDK v2's {@code AwsV4HttpSigner} ({@code sdk}), and prints the process's CPU time when the
 * Authorization header is in hand, the signing call's own time, and the header (both must agree).
 */
public final class SignerProbe {
  static final String HOST = "secretsmanager.us-east-1.amazonaws.com";
  static final String REGION = "us-east-1";
  static final Instant AT = Instant.parse("2026-12-06T12:00:00Z");
  static final byte[] BODY =
      "{\"SecretId\":\"arn:aws:secretsmanager:us-east-1:123456789012:secret:vod/keys-AbCdEf\"}".getBytes(StandardCharsets.UTF_8);
  static final String KEY_ID = "ASIAEXAMPLEROLEKEY";
  static final String SECRET = "role-secret-for-the-benchmark";
  static final String TOKEN = "role-session-token-for-the-benchmark";

  private SignerProbe() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
    long start = System.nanoTime();
    String authorization = args[0].equals("sdk") ? Sdk.sign() : ours();
    long signed = System.nanoTime();
    double cpu = processCpuMillis();
    out.printf(Locale.ROOT, "PROBE cpu=%.0f sign=%.3f%n", cpu, (signed - start) / 1e6);
    out.println("PROBE authorization=" + authorization);
  }

  static String ours() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", SecretsManagerCredentials.CONTENT_TYPE);
    headers.put("X-Amz-Target", SecretsManagerCredentials.TARGET);
    // The SDK's signer always signs this header too; with it both headers must be the same.
    headers.put("X-Amz-Content-Sha256", AwsSigV4.hex(AwsSigV4.sha256(BODY)));
    return AwsSigV4.signPost(HOST, headers, BODY, REGION, SecretsManagerCredentials.SERVICE,
        AwsCredentials.of(KEY_ID, SECRET, TOKEN), AT).authorization();
  }

  /** The SDK's side, in a class of its own: the other JVM never loads a class of the SDK. */
  static final class Sdk {
    private Sdk() {}

    static String sign() {
      SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("https://" + HOST + "/"))
          .putHeader("Content-Type", SecretsManagerCredentials.CONTENT_TYPE)
          .putHeader("X-Amz-Target", SecretsManagerCredentials.TARGET).build();
      SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
          .identity(AwsSessionCredentialsIdentity.create(KEY_ID, SECRET, TOKEN))
          .request(request)
          .payload(ContentStreamProvider.fromInputStreamSupplier(() -> new ByteArrayInputStream(BODY)))
          .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SecretsManagerCredentials.SERVICE)
          .putProperty(AwsV4HttpSigner.REGION_NAME, REGION)
          .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(AT, ZoneOffset.UTC)));
      return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }
  }

  /** The process's CPU time, all threads (JIT and GC included); loading JMX for it costs both signers alike. */
  static double processCpuMillis() {
    java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e6;
    }
    return -1;
  }
}
