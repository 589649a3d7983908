package dev.vodauth.playauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Checks a JWTPlayAuth with an implementation that is not ours: python3's hmac, hashlib, base64
 * and json (the standard library, no PyJWT). It reports whether the HMAC-SHA256 over the signing
 * input with the PlayKey's UTF-8 bytes equals the signature, the decoded header and claims, and
 * each claim's Python type name. Absent python3, the calling test is skipped, saying why.
 */
public final class PythonJwtCheck {
  private static final String SCRIPT = String.join("\n",
      "import base64, hashlib, hmac, json, sys",
      "data = json.load(sys.stdin)",
      "token, key = data['token'], data['key']",
      "def b64(s): return base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))",
      "parts = token.split('.')",
      "assert len(parts) == 3, 'not three parts'",
      "expected = hmac.new(key.encode('utf-8'), (parts[0] + '.' + parts[1]).encode('ascii'), hashlib.sha256).digest()",
      "claims = json.loads(b64(parts[1]))",
      "out = {'signatureValid': hmac.compare_digest(expected, b64(parts[2])),",
      "       'paddingFree': all('=' not in p for p in parts),",
      "       'headerText': b64(parts[0]).decode('utf-8'),",
      "       'header': json.loads(b64(parts[0])),",
      "       'claims': claims,",
      "       'types': {k: type(v).__name__ for k, v in claims.items()},",
      "       'contentTypes': {k: type(v).__name__ for k, v in claims.get('playContentInfo', {}).items()}}",
      "print(json.dumps(out))");

  private PythonJwtCheck() {}

  /** python3's verdict on {@code token} signed with {@code key}. */
  public static JsonNode check(String token, String key) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Process process;
    try {
      process = new ProcessBuilder("python3", "-c", SCRIPT).redirectErrorStream(true).start();
    } catch (IOException e) {
      Assumptions.assumeTrue(false, "python3 is not installed: the independent JWTPlayAuth check cannot run");
      throw new AssertionError("unreachable");
    }
    try (OutputStream in = process.getOutputStream()) {
      in.write(json.createObjectNode().put("token", token).put("key", key).toString().getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("python3 could not read the token: " + out);
    }
    return json.readTree(out);
  }
}
