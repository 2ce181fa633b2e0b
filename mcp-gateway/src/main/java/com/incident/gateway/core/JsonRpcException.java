package com.incident.gateway.core;

import io.modelcontextprotocol.spec.McpSchema;

/** A JSON-RPC error answer; the message goes to the caller, so it is English and never a stack trace. */
public final class JsonRpcException extends RuntimeException {
  private final int code;
  private final int httpStatus;

  JsonRpcException(int code, int httpStatus, String message) {
    super(message, null, false, false);
    this.code = code;
    this.httpStatus = httpStatus;
  }

  static JsonRpcException invalidParams(String message) {
    return new JsonRpcException(McpSchema.ErrorCodes.INVALID_PARAMS, 200, message);
  }

  public int code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }
}
