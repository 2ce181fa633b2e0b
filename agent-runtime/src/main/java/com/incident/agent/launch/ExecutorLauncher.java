package com.incident.agent.launch;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/** Local-runner launcher: the worker runs on an executor in the same JVM. */
public final class ExecutorLauncher implements AsyncLauncher {
  private final ExecutorService executor;
  private final Consumer<WorkerPayload> worker;

  public ExecutorLauncher(ExecutorService executor, Consumer<WorkerPayload> worker) {
    this.executor = executor;
    this.worker = worker;
  }

  @Override
  public void launch(WorkerPayload payload) throws LaunchException {
    try {
      executor.execute(() -> worker.accept(payload));
    } catch (RejectedExecutionException e) {
      throw new LaunchException("Executor rejected the run", e);
    }
  }
}
