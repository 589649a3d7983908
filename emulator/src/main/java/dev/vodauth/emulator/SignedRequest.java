package dev.vodauth.emulator;

import dev.vodauth.emulator.internal.RawRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One request's parameters and the identity it claims, read either way VOD accepts: the classic RPC signature
 * (HMAC-SHA1, everything in parameters) or the V3 signature ({@code ACS3-HMAC-SHA256} in an {@code Authorization}
 * header, the common values in {@code x-acs-*} headers). A request is V3 when its Authorization header starts with
 * {@code ACS3-}.
 */
final class SignedRequest {
  static final String CLASSIC = "HMAC-SHA1";

  /** {@link #CLASSIC} or {@link AcsV3Signature#ALGORITHM}; for V3, whatever algorithm the header named. */
  final String algorithm;
  /**
   * Query and form body together (the body wins a clash); for V3, also the common values its headers carry, under
   * their classic names ({@code Action}, {@code Version}, {@code AccessKeyId}, {@code SecurityToken},
   * {@code SignatureNonce}, {@code Timestamp}), so every later check reads one map.
   */
  final Map<String, String> params;
  /** V3 only: the parsed Authorization header, or null when it could not be read. */
  final AcsV3Signature.Authorization authorization;
  private final RawRequest raw;

  private SignedRequest(String algorithm, Map<String, String> params, AcsV3Signature.Authorization authorization,
      RawRequest raw) {
    this.algorithm = algorithm;
    this.params = params;
    this.authorization = authorization;
    this.raw = raw;
  }

  static SignedRequest read(RawRequest request) {
    Map<String, String> params = new HashMap<>();
    FormCodec.decodeInto(request.query(), params);
    String contentType = request.header("content-type");
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
      FormCodec.decodeInto(request.bodyAsLatin1(), params);
    }
    String header = request.header("authorization");
    if (header == null || !header.trim().startsWith("ACS3-")) {
      return new SignedRequest(CLASSIC, params, null, request);
    }
    AcsV3Signature.Authorization authorization = AcsV3Signature.Authorization.parse(header);
    String algorithm = header.trim().split("[ ,]", 2)[0];
    putIfPresent(params, "Action", request.header("x-acs-action"));
    putIfPresent(params, "Version", request.header("x-acs-version"));
    putIfPresent(params, "Timestamp", request.header("x-acs-date"));
    putIfPresent(params, "SignatureNonce", request.header("x-acs-signature-nonce"));
    putIfPresent(params, "SecurityToken", request.header("x-acs-security-token"));
    if (authorization != null) {
      params.put("AccessKeyId", authorization.accessKeyId);
    }
    return new SignedRequest(algorithm, params, authorization, request);
  }

  /** A request header by case-insensitive name, or null. */
  String header(String name) {
    return raw.header(name);
  }

  boolean isV3() {
    return !CLASSIC.equals(algorithm);
  }

  /** V3: a header the request carries but did not sign, among host and the x-acs-* ones; null when all are signed. */
  String unsignedCommonHeader() {
    for (String name : raw.headers().keySet()) {
      if ((name.equals("host") || name.startsWith("x-acs-")) && !authorization.signedHeaders.contains(name)) {
        return name;
      }
    }
    for (String name : authorization.signedHeaders) {
      if (raw.header(name) == null) {
        return name;
      }
    }
    return null;
  }

  /** Whether the signature the request carries is the one this secret gives (constant time, out of habit). */
  boolean signatureMatches(String accessKeySecret) {
    String sent;
    String expected;
    if (isV3()) {
      if (authorization == null) {
        return false;
      }
      sent = authorization.signature;
      expected = AcsV3Signature.signature(raw, authorization.signedHeaders, accessKeySecret);
    } else {
      sent = params.get("Signature");
      if (sent == null) {
        return false;
      }
      expected = RpcSigner.signature(raw.method(), params, accessKeySecret);
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.UTF_8));
  }

  private static void putIfPresent(Map<String, String> params, String name, String value) {
    if (value != null) {
      params.put(name, value);
    }
  }
}
