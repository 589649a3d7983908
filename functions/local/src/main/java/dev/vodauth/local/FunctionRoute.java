package dev.vodauth.local;

import dev.vodauth.function.Invocation;
import dev.vodauth.function.VodFunction;
import dev.vodauth.http.HttpRequest;
import dev.vodauth.http.HttpResponse;
import dev.vodauth.request.RequestReader;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;

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
  public VodFunction function() {
    return function;
  }

  @Override
  public int maxBodyBytes() {
    return RequestReader.MAX_BODY_BYTES;
  }

  @Override
  public HttpResponse serve(HttpServerExchange exchange, String body, String requestId) {
    HttpRequest.Builder request = HttpRequest.builder(exchange.getRequestMethod().toString());
    for (HeaderValues header : exchange.getRequestHeaders()) {
      request.header(header.getHeaderName().toString(), String.join(",", header));
    }
    // The query as sent (the server decodes nothing): the core decodes it and refuses a bad %-escape by name.
    String query = exchange.getQueryString();
    request.rawQuery(query.isEmpty() ? null : query);
    request.body(body, false);
    Invocation invocation = Invocation.of(requestId, TRIGGER, invocationTimeoutMillis);
    return function.handleHttp(request.build(), invocation);
  }
}
