package com.incident.trigger;

import static com.incident.trigger.Rig.status;
import static com.incident.trigger.Rig.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.incident.common.json.Json;
import com.incident.trigger.core.RecordOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * SNS delivering to several trigger instances at once: every delivery on its own thread, all held at one latch and
 * released together, so they race on the table the way concurrent Lambda invocations do.
 */
final class ParallelDeliveries {
  /** Delivery number {@code i} (0 to n-1) through the rig's service. */
  @FunctionalInterface
  interface Delivery {
    RecordOutcome deliver(int i) throws Exception;
  }

  private ParallelDeliveries() {}

  /**
   * Cognito hands out a token and the agent accepts every start (202), so only the table decides the outcomes.
   * Returns the bodies of the starts the agent received, as they arrive.
   */
  static List<JsonNode> acceptEverything(Rig rig) {
    List<JsonNode> agentRequests = new CopyOnWriteArrayList<>();
    rig.cognito.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return token("tok", 3600);
      }
    });
    rig.agent.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        try {
          agentRequests.add(Json.tree(request.getBody().utf8()));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        return status(202);
      }
    });
    return agentRequests;
  }

  /** Runs {@code n} deliveries at the same moment; their outcomes in delivery order. */
  static List<RecordOutcome> run(int n, Delivery delivery) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<RecordOutcome>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        futures.add(pool.submit((Callable<RecordOutcome>) () -> {
          go.await();
          return delivery.deliver(k);
        }));
      }
      go.countDown();
      List<RecordOutcome> outcomes = new ArrayList<>();
      for (Future<RecordOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } finally {
      // A failed delivery leaves the others to finish or be interrupted, never to outlive the test.
      pool.shutdownNow();
    }
  }
}
