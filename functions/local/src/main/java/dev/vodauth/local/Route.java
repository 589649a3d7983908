package dev.vodauth.local;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** What the server does with a request to one path. */
interface Route {
  void serve(HttpExchange exchange, String requestId) throws IOException;
}
