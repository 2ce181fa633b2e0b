package com.incident.common.config;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.util.Optional;

/**
 * What is missing when a call to AWS or an HTTP endpoint failed before any answer: no credentials, no region, an
 * endpoint that refuses, does not resolve or does not answer. One sentence for a tool result, read from the exception
 * chain (the AWS SDK's credential-chain message lists every provider it tried; none of that reaches a caller).
 */
public final class AccessFailure {
  private AccessFailure() {}

  public static Optional<String> describe(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String message = String.valueOf(c.getMessage());
      if (message.startsWith("Unable to load credentials")) {
        return Optional.of("no AWS credentials were found (environment variables, ~/.aws profile, SSO or the "
            + "function's IAM role)");
      }
      if (message.startsWith("Unable to load region")) {
        return Optional.of("no AWS region is configured (AWS_REGION)");
      }
      if (c instanceof ConnectException) {
        return Optional.of("the endpoint refused the connection");
      }
      if (c instanceof UnknownHostException) {
        return Optional.of("the endpoint's host name " + message + " does not resolve");
      }
      if (c instanceof HttpConnectTimeoutException || c instanceof SocketTimeoutException) {
        return Optional.of("the endpoint did not answer in time");
      }
    }
    return Optional.empty();
  }
}
