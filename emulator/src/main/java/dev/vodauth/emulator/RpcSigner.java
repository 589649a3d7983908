package dev.vodauth.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Alibaba Cloud's RPC signature (version 1.0, HMAC-SHA1), as VOD computes it to check a request. */
public final class RpcSigner {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  // Mac.getInstance looks up providers each time; one per thread keeps that off the request path.
  private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
    try {
      return Mac.getInstance("HmacSHA1");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has HmacSHA1", e);
    }
  });

  private RpcSigner() {}

  /** RFC 3986 percent-encoding of UTF-8: letters, digits and {@code -_.~} kept, space as %20, * as %2A. */
  public static String percentEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  /** Every parameter but Signature, sorted by name, as {@code name=value} pairs joined by {@code &}, each encoded. */
  public static String canonicalizedQuery(Map<String, String> parameters) {
    StringBuilder out = new StringBuilder(512);
    for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
      if (e.getKey().equals("Signature")) {
        continue;
      }
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(percentEncode(e.getKey())).append('=').append(percentEncode(e.getValue()));
    }
    return out.toString();
  }

  /** {@code METHOD&%2F&percentEncode(canonicalizedQuery)}. */
  public static String stringToSign(String method, Map<String, String> parameters) {
    return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQuery(parameters));
  }

  /** Base64(HMAC-SHA1(key = secret + "&", stringToSign)). */
  public static String sign(String stringToSign, String accessKeySecret) {
    Mac mac = MAC.get();
    try {
      mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("an HMAC key of any length is valid", e);
    }
    return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
  }

  /** The Signature parameter a request with these parameters must carry. */
  public static String signature(String method, Map<String, String> parameters, String accessKeySecret) {
    return sign(stringToSign(method, parameters), accessKeySecret);
  }
}
