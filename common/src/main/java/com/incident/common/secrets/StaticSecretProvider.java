package com.incident.common.secrets;

import java.util.Map;

/** Secrets from a fixed map: the local sandbox and tests. */
public record StaticSecretProvider(Map<String, String> values) implements SecretProvider {
  @Override
  public String secret(String parameterName) {
    String v = values.get(parameterName);
    if (v == null) {
      throw new SecretUnavailableException(parameterName, "not configured");
    }
    return v;
  }
}
