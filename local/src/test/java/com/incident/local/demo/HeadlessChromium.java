package com.incident.local.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, for the demo page: loads a file and returns the DOM after its scripts ran. The flags
 * keep it off the network (this machine's network is closed; background requests would only be refused) and out of
 * the user's profile.
 */
final class HeadlessChromium {
  private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"),
      Path.of("/usr/bin/google-chrome"));

  private HeadlessChromium() {}

  static Optional<Path> find() {
    return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
  }

  static String dumpDom(Path chromium, Path page, Path profile) throws IOException, InterruptedException {
    // Kept beside the page: on a failure it shows what the browser saw.
    Path dom = page.resolveSibling(page.getFileName() + ".dom.html");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile, "--virtual-time-budget=20000", "--dump-dom", page.toUri().toString())
        .redirectOutput(dom.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("chromium did not finish within 90 s");
    }
    return Files.readString(dom, StandardCharsets.UTF_8);
  }
}
