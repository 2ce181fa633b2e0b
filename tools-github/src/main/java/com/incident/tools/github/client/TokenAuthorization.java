package com.incident.tools.github.client;

import com.incident.common.secrets.SecretProvider;
import org.kohsuke.github.authorization.AuthorizationProvider;

/**
 * A personal access token read from SSM on every request; the provider's TTL cache keeps that cheap and
 * lets a rotated token take effect without a redeploy.
 */
public record TokenAuthorization(SecretProvider secrets, String parameterName) implements AuthorizationProvider {
  @Override
  public String getEncodedAuthorization() {
    return "Bearer " + secrets.secret(parameterName).strip();
  }
}
