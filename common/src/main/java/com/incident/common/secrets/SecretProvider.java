package com.incident.common.secrets;

/**
 * Secrets by SSM parameter name. Implementations cache with a TTL; values are never logged, never put in
 * exceptions and never sent to the model.
 */
public interface SecretProvider {
  /** The decrypted value; throws {@link SecretUnavailableException} naming the parameter (never the value). */
  String secret(String parameterName);
}
