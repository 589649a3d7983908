package dev.vodauth.local;

import dev.vodauth.function.VodFunction;
import dev.vodauth.http.HttpResponse;
import io.undertow.server.HttpServerExchange;

/** What the server does with a request to one path, once its body is read. */
interface Route {
  /** The function behind this path: the server writes its own errors for this path through it (shape, CORS). */
  VodFunction function();

  /** The largest body this path takes; a larger one is refused with 413 before it is read whole. */
  int maxBodyBytes();

  /** Answers the request; the exchange is read only (method, headers, query), never written. */
  HttpResponse serve(HttpServerExchange exchange, String body, String requestId);
}
