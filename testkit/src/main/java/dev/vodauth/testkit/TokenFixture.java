package dev.vodauth.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.vodauth.emulator.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A started JWT issuer stand-in per test, as a JUnit 5 extension on an instance field: the test
 * notes each token it sends ({@link #sent}) and each answer it gets ({@link #answered}); after a
 * passing test no token's signature may appear in an answer or a log line. The issuer is closed
 * after every test.
 */
public final class TokenFixture implements AfterEachCallback {
  private final TokenIssuer issuer;
  private final Supplier<? extends List<String>> logLines;
  private final List<String> tokens = new CopyOnWriteArrayList<>();
  private final List<String> answers = new CopyOnWriteArrayList<>();

  private TokenFixture(TokenIssuer issuer, Supplier<? extends List<String>> logLines) {
    this.issuer = issuer;
    this.logLines = logLines;
  }

  /** A started issuer; {@code logLines} gives the function's log lines when the test ends. */
  public static TokenFixture started(Supplier<? extends List<String>> logLines) {
    try {
      return new TokenFixture(new TokenIssuer().start(), logLines);
    } catch (IOException e) {
      throw new UncheckedIOException("the token issuer did not start", e);
    }
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  /** Notes a token the test sends; returns it. */
  public String sent(String token) {
    tokens.add(token);
    return token;
  }

  /** Notes an answer the test got; returns it. */
  public String answered(String answer) {
    answers.add(answer);
    return answer;
  }

  /** Fails when a sent token's signature is in an answer or a log line. */
  public void assertNoTokenLeaked() {
    for (String token : tokens) {
      String signature = token.substring(token.lastIndexOf('.') + 1);
      for (String text : answers) assertFalse(text.contains(signature), "a token in an answer");
      for (String line : logLines.get()) assertFalse(line.contains(signature), "a token in a log line: " + line);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (context.getExecutionException().isEmpty()) assertNoTokenLeaked();
    } finally {
      issuer.close();
    }
  }
}
