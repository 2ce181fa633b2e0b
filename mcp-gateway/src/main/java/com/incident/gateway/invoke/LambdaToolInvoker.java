package com.incident.gateway.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.common.redact.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Production invoker: a synchronous {@code RequestResponse} Lambda invoke per call. */
public final class LambdaToolInvoker implements ToolInvoker {
  private static final Logger log = LoggerFactory.getLogger(LambdaToolInvoker.class);
  private static final int MAX_ERROR_MESSAGE = 300;

  private final LambdaClient lambda;

  public LambdaToolInvoker(LambdaClient lambda) {
    this.lambda = lambda;
  }

  @Override
  public String invoke(String target, String payloadJson, Duration timeout) throws ToolInvocationException {
    InvokeResponse response;
    try {
      response = lambda.invoke(InvokeRequest.builder()
          .functionName(target)
          .invocationType(InvocationType.REQUEST_RESPONSE)
          .payload(SdkBytes.fromUtf8String(payloadJson))
          .overrideConfiguration(o -> o.apiCallTimeout(timeout))
          .build());
    } catch (TooManyRequestsException e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.THROTTLED, "Lambda throttled the invoke ("
          + e.awsErrorDetails().errorCode() + ")", e);
    } catch (ResourceNotFoundException e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.NOT_FOUND, "function " + target + " not found", e);
    } catch (LambdaException e) {
      ToolInvocationException.Kind kind = e.statusCode() == 403
          ? ToolInvocationException.Kind.NOT_FOUND : ToolInvocationException.Kind.UNAVAILABLE;
      throw new ToolInvocationException(kind, "Lambda rejected the invoke: " + e.awsErrorDetails().errorCode()
          + " (HTTP " + e.statusCode() + ")", e);
    } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.TIMEOUT, "no answer within "
          + timeout.toMillis() + " ms", e);
    } catch (SdkClientException e) {
      boolean timedOut = e.getMessage() != null && e.getMessage().toLowerCase().contains("timed out");
      throw new ToolInvocationException(timedOut ? ToolInvocationException.Kind.TIMEOUT
          : ToolInvocationException.Kind.UNAVAILABLE, "could not reach Lambda: " + e.getClass().getSimpleName(), e);
    } catch (SdkException e) {
      throw new ToolInvocationException(ToolInvocationException.Kind.UNAVAILABLE, "Lambda invoke failed: "
          + e.getClass().getSimpleName(), e);
    }
    String body = response.payload() == null ? "" : response.payload().asString(StandardCharsets.UTF_8);
    if (response.functionError() != null) {
      throw functionError(target, response.functionError(), body);
    }
    return body;
  }

  /** Lambda's error payload is {errorMessage, errorType, stackTrace}; the stack trace never leaves here. */
  private static ToolInvocationException functionError(String target, String functionError, String body) {
    JsonNode error = parse(body);
    String type = error.path("errorType").asText("");
    String message = error.path("errorMessage").asText("");
    log.warn("Tool function {} failed: functionError={} errorType={} errorMessage={}", target, functionError, type,
        Redactor.DEFAULT.redact(message));
    if (message.contains("Task timed out")) {
      return new ToolInvocationException(ToolInvocationException.Kind.TIMEOUT, "the function hit its Lambda timeout");
    }
    String shown = Redactor.DEFAULT.redact(message);
    if (shown.length() > MAX_ERROR_MESSAGE) {
      shown = shown.substring(0, MAX_ERROR_MESSAGE) + "…";
    }
    String detail = type.isEmpty() ? functionError : type;
    return new ToolInvocationException(ToolInvocationException.Kind.FUNCTION_ERROR,
        shown.isEmpty() ? detail : detail + ": " + shown);
  }

  private static JsonNode parse(String body) {
    try {
      return Json.MAPPER.readTree(body);
    } catch (Exception e) {
      return Json.object();
    }
  }
}
