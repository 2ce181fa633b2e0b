package com.incident.common.auth;

/** Verifies the bearer token on every request to agent-runtime and mcp-gateway. */
public interface TokenVerifier {

  /**
   * @param authorizationHeader the raw {@code Authorization} header value (may be null)
   * @return the verified caller
   * @throws UnauthorizedException with a reason fit for logs (never containing the token)
   */
  VerifiedToken verify(String authorizationHeader) throws UnauthorizedException;
}
