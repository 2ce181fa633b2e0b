package com.incident.common.auth;

import java.time.Instant;
import java.util.Set;

/** The facts of a verified access token that the handlers use. */
public record VerifiedToken(String subject, String clientId, Set<String> scopes, Instant expiresAt) {}
