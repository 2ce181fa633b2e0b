package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, {@code ./incident-local}, on a machine whose only Java is older than 21. */
class LauncherTest {

  @Test
  void withoutAJdk21TheLauncherSaysInOneSentenceWhatToInstall(@TempDir Path machine) throws Exception {
    Path bin = Files.createDirectories(machine.resolve("jdk-17/bin"));
    Path java = bin.resolve("java");
    // A stand-in for a default Java 17: answers the version probe the way `java -XshowSettings:properties` does.
    Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path jdk17 = machine.resolve("jdk-17");

    ProcessBuilder launcher = new ProcessBuilder(Repo.ROOT.resolve("incident-local").toString(), "demo", "cpu-spike")
        .redirectErrorStream(true);
    launcher.environment().put("JAVA_HOME", jdk17.toString());
    launcher.environment().put("PATH", bin + ":/usr/bin:/bin");
    launcher.environment().put("HOME", machine.toString());
    launcher.environment().put("INCIDENT_LOCAL_JDK_DIRS", jdk17.toString());
    Process p = launcher.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(out.strip().lines()).singleElement().asString()
        .startsWith("incident-local needs a JDK 21 or newer")
        .contains("openjdk-21-jdk-headless");
  }
}
