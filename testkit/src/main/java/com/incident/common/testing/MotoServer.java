package com.incident.common.testing;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One {@code moto_server} (AWS wire-protocol emulator) per test JVM on 127.0.0.1. Tests that need it call
 * {@link #get()}: when the binary is absent they are skipped with a loud message, never silently.
 */
public final class MotoServer {
  public static final Region REGION = Region.US_WEST_2;
  public static final StaticCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));

  private static MotoServer instance;
  private final Process process;
  private final URI endpoint;

  private MotoServer(Process process, URI endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  public static synchronized MotoServer get() {
    if (instance == null) {
      String binary = find();
      if (binary == null) {
        System.err.println("SKIPPED (loudly): moto_server is not installed on this machine; AWS wire-protocol tests did not run");
      }
      Assumptions.assumeTrue(binary != null, "moto_server not found on PATH: install it with `pip install 'moto[server]'`");
      instance = start(binary);
    }
    return instance;
  }

  public URI endpoint() {
    return endpoint;
  }

  private static MotoServer start(String binary) {
    try {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path log = Files.createTempFile("moto-", ".log");
      Process p = new ProcessBuilder(binary, "-H", "127.0.0.1", "-p", String.valueOf(port))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      URI endpoint = URI.create("http://127.0.0.1:" + port);
      Instant until = Instant.now().plus(Duration.ofSeconds(30));
      while (Instant.now().isBefore(until)) {
        if (!p.isAlive()) {
          throw new IllegalStateException("moto_server exited: " + Files.readString(log));
        }
        try {
          HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
          c.setConnectTimeout(200);
          if (c.getResponseCode() > 0) {
            Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
            return new MotoServer(p, endpoint);
          }
        } catch (IOException notYet) {
          Thread.sleep(100);
        }
      }
      p.destroy();
      throw new IllegalStateException("moto_server did not start within 30 s; log: " + log);
    } catch (IOException e) {
      throw new IllegalStateException("could not start moto_server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Resets moto's state between tests that must not see each other's data. */
  public void reset() {
    try {
      HttpURLConnection c = (HttpURLConnection) endpoint.resolve("/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.getResponseCode();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      File f = new File(dir, "moto_server");
      if (f.canExecute()) {
        return f.getAbsolutePath();
      }
    }
    return null;
  }
}
