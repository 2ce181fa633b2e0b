package com.incident.common.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrimingTest {

  @Test
  void primeNowRunsEveryActionInOrderAndAFailingOneDoesNotStopTheRest() {
    List<String> ran = new ArrayList<>();
    Priming.beforeSnapshot("first", () -> ran.add("first"));
    Priming.beforeSnapshot("broken", () -> {
      ran.add("broken");
      throw new IllegalStateException("no endpoint while priming");
    });
    Priming.beforeSnapshot("last", () -> ran.add("last"));

    Priming.primeNow();

    assertThat(ran).containsExactly("first", "broken", "last");
  }

  @Test
  void registeringOnAJvmWithoutCracRunsNothingUntilPrimed() {
    List<String> ran = new ArrayList<>();

    Priming.beforeSnapshot("deferred", () -> ran.add("deferred"));

    assertThat(ran).isEmpty();
  }
}
