package com.incident.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found from the test's working directory (a module folder under Maven). */
final class Repo {
  static final Path ROOT = find();

  private static Path find() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("events"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root (with template.yaml and events/) not found above " + Path.of("").toAbsolutePath());
  }

  private Repo() {}
}
