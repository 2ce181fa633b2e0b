package com.incident.common.secrets;

public class SecretUnavailableException extends RuntimeException {
  public SecretUnavailableException(String parameterName, String reason) {
    super("Secret parameter " + parameterName + " is unavailable: " + reason);
  }
}
