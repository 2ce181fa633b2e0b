package com.incident.gateway.core;

import java.util.Locale;
import java.util.Map;

/** One HTTP request as the gateway sees it; header names are lower-case (as Function URLs deliver them). */
public record HttpRequest(String method, Map<String, String> headers, String body) {

  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }
}
