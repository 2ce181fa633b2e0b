package com.incident.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InProcessToolInvokerTest {

  @Test
  void callsTheHandlerWithThePayloadAndAContextWithTimeLeft() throws Exception {
    InProcessToolInvoker invoker = new InProcessToolInvoker(Map.of("fn", (in, out, ctx) -> {
      String payload = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      out.write((payload + "|" + ctx.getFunctionName() + "|" + (ctx.getRemainingTimeInMillis() > 0))
          .getBytes(StandardCharsets.UTF_8));
    }));

    assertThat(invoker.invoke("fn", "{\"method\":\"tools/list\"}", Duration.ofSeconds(5)))
        .isEqualTo("{\"method\":\"tools/list\"}|fn|true");
  }

  @Test
  void anUnknownTargetIsNotFound() {
    InProcessToolInvoker invoker = new InProcessToolInvoker(Map.of());

    assertThatThrownBy(() -> invoker.invoke("fn-x", "{}", Duration.ofSeconds(1)))
        .isInstanceOfSatisfying(ToolInvocationException.class,
            e -> assertThat(e.kind()).isEqualTo(ToolInvocationException.Kind.NOT_FOUND));
  }

  @Test
  void aThrowingHandlerIsAFunctionError() {
    InProcessToolInvoker invoker = new InProcessToolInvoker(Map.of("fn", (in, out, ctx) -> {
      throw new IllegalStateException("no credentials");
    }));

    assertThatThrownBy(() -> invoker.invoke("fn", "{}", Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ToolInvocationException.class, e -> {
          assertThat(e.kind()).isEqualTo(ToolInvocationException.Kind.FUNCTION_ERROR);
          assertThat(e.getMessage()).isEqualTo("IllegalStateException: no credentials");
        });
  }

  @Test
  void aHandlerThatOverrunsIsATimeout() {
    CountDownLatch never = new CountDownLatch(1);
    InProcessToolInvoker invoker = new InProcessToolInvoker(Map.of("fn", (in, out, ctx) -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }));

    assertThatThrownBy(() -> invoker.invoke("fn", "{}", Duration.ofMillis(100)))
        .isInstanceOfSatisfying(ToolInvocationException.class,
            e -> assertThat(e.kind()).isEqualTo(ToolInvocationException.Kind.TIMEOUT));
  }
}
