package com.incident.tools.chaos.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import org.junit.jupiter.api.Assumptions;

/**
 * The pre-installed {@code moto_server} on loopback, started once per test JVM. Tests that need it are
 * skipped, loudly, when the binary is not on PATH.
 */
public final class MotoServer {
  private static URI endpoint;

  private MotoServer() {}

  public static synchronized URI endpoint() {
    if (endpoint == null) {
      boolean onPath = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
          .anyMatch(dir -> new File(dir, "moto_server").canExecute());
      if (!onPath) {
        System.err.println("SKIPPED: moto_server is not on PATH; the eks:DescribeCluster wire tests need it");
        Assumptions.abort("moto_server is not on PATH");
      }
      endpoint = start();
    }
    return endpoint;
  }

  private static URI start() {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
      for (int attempt = 0; attempt < 600 && process.isAlive(); attempt++) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return URI.create("http://127.0.0.1:" + port);
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      throw new IllegalStateException("moto_server did not start listening on 127.0.0.1:" + port);
    } catch (IOException e) {
      throw new IllegalStateException("could not start moto_server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting moto_server", e);
    }
  }
}
