package com.incident.tools.insight;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One {@code moto_server} per test JVM on a free 127.0.0.1 port, for real AWS SDK clients with
 * {@code endpointOverride(endpoint())}. When the binary is not on PATH, {@link #shared()} is empty and says so
 * loudly on stderr, so callers can skip with an assumption. Written to move to common's test-jar unchanged.
 */
public final class MotoServer {
  public static final String BINARY = "moto_server";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static Optional<MotoServer> shared;

  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** The JVM's server, started on first use and stopped at JVM exit; empty when moto_server is absent. */
  public static synchronized Optional<MotoServer> shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Drops every resource of every service, for tests that need a clean account. */
  public void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      if (c.getResponseCode() != 200) {
        throw new IllegalStateException("moto reset answered " + c.getResponseCode());
      }
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed", e);
    }
  }

  private static Optional<MotoServer> start() {
    Optional<Path> binary = onPath(BINARY);
    if (binary.isEmpty()) {
      System.err.println("""
          ##########################################################################
          ##  SKIPPING moto-backed tests: '%s' is not on PATH.                ##
          ##  Install it with: pip install 'moto[server]'                          ##
          ##########################################################################""".formatted(BINARY));
      return Optional.empty();
    }
    try {
      int port = freePort();
      Path log = Files.createTempFile("moto-server-", ".log");
      Process process = new ProcessBuilder(binary.get().toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
      MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      server.awaitReady(log);
      return Optional.of(server);
    } catch (IOException e) {
      throw new IllegalStateException("could not start " + BINARY, e);
    }
  }

  private void awaitReady(Path log) throws IOException {
    Instant until = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(until)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(BINARY + " exited with " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/data.json").toURL().openConnection();
        c.setConnectTimeout(500);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + BINARY, e);
      }
    }
    process.destroy();
    throw new IllegalStateException(BINARY + " did not answer within " + STARTUP + ": " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
