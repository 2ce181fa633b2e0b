package com.incident.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, {@code ./incident-local}: finding a JDK, and the class caches it keeps beside the jar. */
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

  @Test
  void onJdk25TheFirstSandboxRunTrainsAnAotCacheThatLaterRunsUseUntilTheJarChanges(@TempDir Path machine) throws Exception {
    FakeJdk jdk = FakeJdk.install(machine, "jdk-25", 25);
    Path jarDir = Files.createDirectories(machine.resolve("target"));
    Path jar = Files.writeString(jarDir.resolve("incident-local.jar"), "jar");
    Instant now = Instant.now();
    // Newer than every source file, so the launcher does not rebuild it.
    Files.setLastModifiedTime(jar, FileTime.from(now.plus(Duration.ofHours(1))));
    Path cache = jarDir.resolve("incident-local-jdk-25.aot");

    assertThat(launch(machine, jdk, jarDir, 0, "demo", "cpu-spike").exit()).isZero();
    assertThat(jdk.lastRun()).contains("-XX:TieredStopAtLevel=1", "-XX:AOTCacheOutput=" + cache + ".")
        .doesNotContain("-XX:AOTCache=", "SharedArchiveFile").endsWith("-jar " + jar + " demo cpu-spike");
    assertThat(cache).hasContent("trained");
    assertThat(jarDir).isDirectoryNotContaining("glob:**.tmp");

    Files.setLastModifiedTime(cache, FileTime.from(now.plus(Duration.ofHours(2))));
    assertThat(launch(machine, jdk, jarDir, 0, "serve", "cpu-spike").exit()).isZero();
    assertThat(jdk.lastRun()).contains("-XX:AOTCache=" + cache + " ").doesNotContain("AOTCacheOutput");

    Files.setLastModifiedTime(jar, FileTime.from(now.plus(Duration.ofHours(3))));
    assertThat(launch(machine, jdk, jarDir, 0, "demo", "oom-crashloop").exit()).isZero();
    assertThat(jdk.lastRun()).contains("-XX:AOTCacheOutput=");
  }

  @Test
  void aFailedTrainingRunKeepsItsExitCodeAndLeavesNoCache(@TempDir Path machine) throws Exception {
    FakeJdk jdk = FakeJdk.install(machine, "jdk-25", 25);
    Path jarDir = Files.createDirectories(machine.resolve("target"));
    Path jar = Files.writeString(jarDir.resolve("incident-local.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(Duration.ofHours(1))));

    assertThat(launch(machine, jdk, jarDir, 3, "demo", "cpu-spike").exit()).isEqualTo(3);
    try (var files = Files.list(jarDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("incident-local.jar");
    }
  }

  @Test
  void benchHelpAndOlderJdksUseTheAppCdsArchiveWithoutTraining(@TempDir Path machine) throws Exception {
    FakeJdk jdk25 = FakeJdk.install(machine, "jdk-25", 25);
    Path jarDir = Files.createDirectories(machine.resolve("target"));
    Path jar = Files.writeString(jarDir.resolve("incident-local.jar"), "jar");
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plus(Duration.ofHours(1))));
    String archive = "-XX:SharedArchiveFile=" + jarDir.resolve("incident-local.jsa");

    launch(machine, jdk25, jarDir, 0, "bench");
    assertThat(jdk25.lastRun()).contains(archive).doesNotContain("AOTCache", "TieredStopAtLevel");
    launch(machine, jdk25, jarDir, 0, "--help");
    assertThat(jdk25.lastRun()).contains(archive, "-XX:TieredStopAtLevel=1").doesNotContain("AOTCache");

    FakeJdk jdk21 = FakeJdk.install(machine, "jdk-21", 21);
    launch(machine, jdk21, jarDir, 0, "demo", "cpu-spike");
    assertThat(jdk21.lastRun()).contains(archive, "-XX:TieredStopAtLevel=1").doesNotContain("AOTCache");
  }

  private record Launch(int exit, String output) {}

  private static Launch launch(Path machine, FakeJdk jdk, Path jarDir, int javaExit, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Repo.ROOT.resolve("incident-local").toString()));
    command.addAll(List.of(args));
    ProcessBuilder launcher = new ProcessBuilder(command).redirectErrorStream(true);
    launcher.environment().put("JAVA_HOME", jdk.home().toString());
    launcher.environment().put("PATH", "/usr/bin:/bin");
    launcher.environment().put("HOME", machine.toString());
    launcher.environment().put("INCIDENT_LOCAL_JDK_DIRS", jdk.home().toString());
    launcher.environment().put("INCIDENT_LOCAL_JAR_DIR", jarDir.toString());
    launcher.environment().put("FAKE_JAVA_EXIT", Integer.toString(javaExit));
    Process p = launcher.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Launch(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** A stand-in `java` of a given version that records each run's arguments and writes an AOT cache when asked. */
  private record FakeJdk(Path home) {
    static FakeJdk install(Path machine, String name, int version) throws Exception {
      Path home = machine.resolve(name);
      Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
      Files.writeString(java, """
          #!/bin/sh
          if [ "$1" = -XshowSettings:properties ]; then echo '    java.specification.version = %d' >&2; exit 0; fi
          echo "$*" > "$(dirname "$0")/last-run"
          for a in "$@"; do
            case "$a" in -XX:AOTCacheOutput=*) printf trained > "${a#-XX:AOTCacheOutput=}" ;; esac
          done
          exit "$FAKE_JAVA_EXIT"
          """.formatted(version));
      Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new FakeJdk(home);
    }

    String lastRun() throws Exception {
      return Files.readString(home.resolve("bin/last-run")).strip();
    }
  }
}
