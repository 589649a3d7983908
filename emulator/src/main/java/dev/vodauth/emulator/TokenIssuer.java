package dev.vodauth.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a JWT issuer: it makes RSA and EC keys, signs tokens with them and serves the
 * published ones as a JWK set on 127.0.0.1, scripted like the VOD emulator ({@link #rotate()},
 * {@link #goDown()}, {@link #fetchCount()}). For tests and for trying tokens locally
 * ({@link TokenIssuerMain}). Thread-safe.
 */
public final class TokenIssuer implements AutoCloseable {
  /** The audience ({@code aud}) of {@link #claims()}: the {@code JWT_AUDIENCE} to start a function with. */
  public static final String AUDIENCE = "vod-auth";

  public static final String JWKS_PATH = "/.well-known/jwks.json";

  private final Map<String, JWK> keys = new LinkedHashMap<>();
  private final List<String> published = new ArrayList<>();
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile boolean down;
  private String signingKid;
  private int generation;
  private HttpServer server;

  /** Starts on 127.0.0.1 on a free port with one RSA key ({@code rsa-1}) and one EC key ({@code ec-1}). */
  public TokenIssuer start() throws IOException {
    return start(0);
  }

  public synchronized TokenIssuer start(int port) throws IOException {
    signingKid = addKey(true);
    addEcKey();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext(JWKS_PATH, exchange -> {
      fetches.incrementAndGet();
      byte[] body = down ? new byte[0] : publishedSet().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(down ? 503 : 200, down ? -1 : body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return this;
  }

  /** The issuer's name, the {@code iss} of its tokens: its own base URL. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Where its published keys are served. */
  public String jwksUrl() {
    return issuer() + JWKS_PATH;
  }

  /**
   * Makes a new RSA key and signs with it from now on; publishes it (next to the old ones) when
   * {@code publish}.
   *
   * @return the new key's ID
   */
  public synchronized String rotate(boolean publish) {
    signingKid = addKey(publish);
    return signingKid;
  }

  /** Makes a new signing key and publishes it. */
  public String rotate() {
    return rotate(true);
  }

  /** Publishes a key made earlier. */
  public synchronized void publish(String kid) {
    if (!published.contains(kid)) published.add(kid);
  }

  /** Stops publishing a key (a withdrawn key). */
  public synchronized void withdraw(String kid) {
    published.remove(kid);
  }

  /** From now on the JWKS URL answers 503. */
  public void goDown() {
    down = true;
  }

  public void comeBack() {
    down = false;
  }

  /** How many times the JWK set was asked for. */
  public int fetchCount() {
    return fetches.get();
  }

  /** Claims a good token carries: this issuer, {@link #AUDIENCE}, a subject, valid now for five minutes. */
  public JWTClaimsSet.Builder claims() {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject("viewer-1")
        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
  }

  /** A compact RS256 token with the current signing key. */
  public synchronized String sign(JWTClaimsSet claims) {
    return sign(claims, signingKid);
  }

  /** A compact token signed with the key {@code kid} (RS256 for RSA keys, ES256 for EC keys). */
  public synchronized String sign(JWTClaimsSet claims, String kid) {
    JWK key = keys.get(kid);
    try {
      boolean rsa = key instanceof RSAKey;
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256).keyID(kid).build(), claims);
      jwt.sign(rsa ? new RSASSASigner((RSAKey) key) : new ECDSASigner((ECKey) key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /** The public half of a key, as published (tests use it to forge HS256 with it as the secret). */
  public synchronized JWK publicKey(String kid) {
    return keys.get(kid).toPublicJWK();
  }

  private String addKey(boolean publish) {
    String kid = "rsa-" + (++generation);
    try {
      keys.put(kid, new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("key generation failed", e);
    }
    if (publish) published.add(kid);
    return kid;
  }

  private void addEcKey() {
    try {
      keys.put("ec-1", new ECKeyGenerator(Curve.P_256).keyID("ec-1").keyUse(KeyUse.SIGNATURE).generate());
    } catch (JOSEException e) {
      throw new IllegalStateException("key generation failed", e);
    }
    published.add("ec-1");
  }

  private synchronized String publishedSet() {
    List<JWK> out = new ArrayList<>();
    for (String kid : published) out.add(keys.get(kid).toPublicJWK());
    return new JWKSet(out).toString();
  }

  @Override
  public void close() {
    if (server != null) server.stop(0);
  }
}
