package com.incident.gateway.core;

import java.util.Map;

/** The answer in Function URL terms; a null body means none (202). */
public record HttpResponse(int status, Map<String, String> headers, String body) {

  static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  static HttpResponse json(int status, String body) {
    return new HttpResponse(status, JSON, body);
  }
}
