package dev.vodauth.local;

import com.sun.net.httpserver.HttpExchange;
import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.request.RequestReader;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Serves one function over HTTP: the exchange becomes an {@link HttpRequest}, the function's answer goes back. */
final class FunctionRoute implements Route {
  static final String TRIGGER = "local-http";

  private final VodFunction function;
  private final long invocationTimeoutMillis;

  FunctionRoute(VodFunction function, long invocationTimeoutMillis) {
    this.function = function;
    this.invocationTimeoutMillis = invocationTimeoutMillis;
  }

  @Override
  public void serve(HttpExchange exchange, String requestId) throws IOException {
    HttpRequest.Builder request = HttpRequest.builder(exchange.getRequestMethod());
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      request.header(header.getKey(), String.join(",", header.getValue()));
    }
    // A malformed %-escape never gets here: the JDK server refuses the request line with 400 first.
    request.rawQuery(exchange.getRequestURI().getRawQuery());
    // Read one byte past the limit at most: the core then refuses the body with 413 by its size.
    request.body(Exchanges.readBody(exchange, RequestReader.MAX_BODY_BYTES).text(), false);
    Invocation invocation = Invocation.of(requestId, TRIGGER, invocationTimeoutMillis);
    HttpResponse response = function.handleHttp(request.build(), invocation);
    Exchanges.send(exchange, response.status(), response.headers(), response.body(), requestId);
  }
}
