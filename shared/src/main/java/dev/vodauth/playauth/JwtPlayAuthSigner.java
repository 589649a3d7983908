package dev.vodauth.playauth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs JWTPlayAuths as VOD checks them: a JWS in compact form, header {@code {"alg":"HS256","typ":"JWT"}},
 * HMAC-SHA256 keyed with the PlayKey's UTF-8 bytes (as Alibaba's app server and toolkits do with
 * auth0 java-jwt, PyJWT, golang-jwt and firebase/php-jwt), and the claims {@code appId},
 * {@code videoId}, {@code currentTimeStamp} and {@code expireTimeStamp} (epoch milliseconds),
 * {@code regionId} and {@code playContentInfo}.
 *
 * <p>The JDK's {@link Mac}, not nimbus-jose-jwt's MACSigner: VOD's PlayKeys are 8 to 20 characters
 * (64 to 160 bits) and MACSigner refuses HMAC keys under 256 bits (RFC 7518 section 3.2's advice;
 * HMAC itself pads a short key). Routing a JDK Mac through nimbus's JWSSigner interface would add
 * only nimbus's header and Base64 writing around the same Mac, and its JSON classes to the cold
 * start; the fixed header is a constant here and the claims are written by Jackson. Signing is
 * the JDK's; the tokens are checked against an independent implementation in the tests.
 *
 * <p>Thread-safe: one {@link Mac} per thread.
 */
public final class JwtPlayAuthSigner {
  static final String HEADER_JSON = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = BASE64URL.encodeToString(HEADER_JSON.getBytes(StandardCharsets.UTF_8));
  private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(JwtPlayAuthSigner::newMac);

  private final ObjectMapper json;
  private final String appId;
  private final String regionId;

  public JwtPlayAuthSigner(ObjectMapper json, String appId, String regionId) {
    this.json = json;
    this.appId = appId;
    this.regionId = regionId;
  }

  /**
   * A JWTPlayAuth for one video.
   *
   * @param issuedAtMillis the current time, epoch milliseconds
   * @param validSeconds how long it stays valid
   * @param playContentInfo GetPlayInfo's parameters, already checked ({@link PlayContentRules})
   */
  public String sign(PlayKey key, String videoId, long issuedAtMillis, int validSeconds, Map<String, Object> playContentInfo) {
    ObjectNode claims = json.createObjectNode();
    claims.put("appId", appId);
    claims.put("videoId", videoId);
    claims.put("currentTimeStamp", issuedAtMillis);
    claims.put("expireTimeStamp", issuedAtMillis + validSeconds * 1000L);
    claims.put("regionId", regionId);
    ObjectNode content = claims.putObject("playContentInfo");
    for (Map.Entry<String, Object> e : playContentInfo.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Long) {
        content.put(e.getKey(), (Long) v);
      } else {
        content.put(e.getKey(), (String) v);
      }
    }
    String signingInput;
    try {
      signingInput = HEADER + "." + BASE64URL.encodeToString(json.writeValueAsBytes(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
    } catch (java.security.InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 takes any non-empty key", e);
    }
    byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + BASE64URL.encodeToString(signature);
  }

  private static Mac newMac() {
    try {
      return Mac.getInstance("HmacSHA256");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }
}
