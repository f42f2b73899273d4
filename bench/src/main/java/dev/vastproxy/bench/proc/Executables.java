package dev.vastproxy.bench.proc;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds programs on the PATH (and in /usr/sbin, where Debian puts nginx and HAProxy). */
public final class Executables {
  private final List<Path> directories;

  /** Looks in these directories, in order. */
  public Executables(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  /** The PATH plus /usr/sbin and /usr/local/sbin. */
  public static Executables system() {
    List<Path> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          directories.add(Path.of(entry));
        }
      }
    }
    directories.add(Path.of("/usr/sbin"));
    directories.add(Path.of("/usr/local/sbin"));
    return new Executables(directories);
  }

  /** The program, if one of the directories holds an executable file of that name. */
  public Optional<Path> find(String name) {
    for (Path directory : directories) {
      Path candidate = directory.resolve(name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
