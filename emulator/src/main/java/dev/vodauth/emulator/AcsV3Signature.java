package dev.vodauth.emulator;

import dev.vodauth.emulator.internal.RawRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's V3 signature ({@code ACS3-HMAC-SHA256}), as the API gateway computes it to check a request:
 * {@code hex(HMAC-SHA256(secret, "ACS3-HMAC-SHA256\n" + hex(SHA256(CanonicalRequest))))}, where the canonical request
 * is method, URI, sorted query, the signed headers, their names and the body's SHA-256.
 */
final class AcsV3Signature {
  static final String ALGORITHM = "ACS3-HMAC-SHA256";
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has HmacSHA256", e);
    }
  });

  /** The three parts of an {@code Authorization} header; signedHeaders lower-case, in the order sent. */
  static final class Authorization {
    final String algorithm;
    final String accessKeyId;
    final List<String> signedHeaders;
    final String signature;

    private Authorization(String algorithm, String accessKeyId, List<String> signedHeaders, String signature) {
      this.algorithm = algorithm;
      this.accessKeyId = accessKeyId;
      this.signedHeaders = signedHeaders;
      this.signature = signature;
    }

    /**
     * {@code ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>}; null when any part is missing or
     * empty.
     */
    static Authorization parse(String header) {
      String text = header.trim();
      int space = text.indexOf(' ');
      if (space <= 0) {
        return null;
      }
      Map<String, String> parts = new HashMap<>();
      for (String part : text.substring(space + 1).split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
      }
      String credential = parts.get("Credential");
      String signed = parts.get("SignedHeaders");
      String signature = parts.get("Signature");
      if (isEmpty(credential) || isEmpty(signed) || isEmpty(signature)) {
        return null;
      }
      List<String> names = new ArrayList<>();
      for (String name : signed.split(";")) {
        if (name.isEmpty()) {
          return null;
        }
        names.add(name.toLowerCase(Locale.ROOT));
      }
      return new Authorization(text.substring(0, space), credential, Collections.unmodifiableList(names), signature);
    }
  }

  private AcsV3Signature() {}

  /**
   * The canonical request of this request under these signed headers: the query is decoded and re-encoded sorted, so
   * a client's own (valid) encoding choices do not matter; the payload hash is of the body actually received.
   */
  static String canonicalRequest(RawRequest request, List<String> signedHeaders) {
    Map<String, String> query = new TreeMap<>();
    FormCodec.decodeInto(request.query(), query);
    StringBuilder out = new StringBuilder(512);
    out.append(request.method()).append('\n');
    out.append(canonicalUri(request.path())).append('\n');
    boolean first = true;
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (!first) {
        out.append('&');
      }
      first = false;
      out.append(RpcSigner.percentEncode(e.getKey())).append('=').append(RpcSigner.percentEncode(e.getValue()));
    }
    out.append('\n');
    List<String> sorted = new ArrayList<>(signedHeaders);
    Collections.sort(sorted);
    for (String name : sorted) {
      String value = request.header(name);
      out.append(name).append(':').append(value == null ? "" : value.trim()).append('\n');
    }
    out.append('\n').append(String.join(";", sorted)).append('\n');
    out.append(sha256Hex(request.body()));
    return out.toString();
  }

  /** The hex signature a request must carry for these signed headers and this secret. */
  static String signature(RawRequest request, List<String> signedHeaders, String accessKeySecret) {
    String stringToSign = ALGORITHM + "\n" + sha256Hex(
        canonicalRequest(request, signedHeaders).getBytes(StandardCharsets.UTF_8));
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an HMAC key of any length is valid", e);
    }
    return hex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  static String sha256Hex(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  /** The path as sent (already percent-encoded by the client); RPC calls use "/". */
  private static String canonicalUri(String path) {
    return path.isEmpty() ? "/" : path;
  }

  private static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }
}
