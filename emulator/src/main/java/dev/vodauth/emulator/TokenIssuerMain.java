package dev.vodauth.emulator;

import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.util.Date;

/**
 * Runs a {@link TokenIssuer} for trying tokens with the local runner: prints the settings to
 * start the runner with and a token valid for an hour, then serves its keys until stopped.
 *
 * <p>{@code java -cp functions/local/target/vod-auth-local.jar dev.vodauth.emulator.TokenIssuerMain
 * [--port 9100] [--audience A] [--video-claim NAME VIDEOID]} (the audience is {@value TokenIssuer#AUDIENCE}
 * unless given: {@code JWT_AUDIENCE} is required with {@code JWT_ISSUER})
 */
public final class TokenIssuerMain {
  private TokenIssuerMain() {}

  public static void main(String[] args) throws Exception {
    int port = 9100;
    String audience = TokenIssuer.AUDIENCE;
    String claim = null;
    String video = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--audience") && i + 1 < args.length) {
        audience = args[++i];
      } else if (args[i].equals("--video-claim") && i + 2 < args.length) {
        claim = args[++i];
        video = args[++i];
      } else {
        System.err.println("usage: TokenIssuerMain [--port N] [--audience A] [--video-claim NAME VIDEOID]");
        System.exit(2);
      }
    }
    TokenIssuer issuer = new TokenIssuer().start(port);
    JWTClaimsSet.Builder claims = issuer.claims()
        .expirationTime(new Date(System.currentTimeMillis() + Duration.ofHours(1).toMillis()));
    claims.audience(audience);
    if (claim != null) claims.claim(claim, video);
    System.out.println("Token issuer stand-in serving its keys at " + issuer.jwksUrl()
        + " (Ctrl-C stops it; its keys are new on every start).");
    System.out.println("Start the runner with:");
    System.out.println("  JWT_ISSUER=" + issuer.issuer() + " JWT_JWKS_URL=" + issuer.jwksUrl()
        + " JWT_AUDIENCE=" + audience + (claim != null ? " JWT_VIDEO_CLAIM=" + claim : "")
        + " java -jar functions/local/target/vod-auth-local.jar");
    System.out.println("A token valid for one hour (send it as Authorization: Bearer $TOKEN):");
    System.out.println("  TOKEN=" + issuer.sign(claims.build()));
    Thread.currentThread().join();
  }
}
