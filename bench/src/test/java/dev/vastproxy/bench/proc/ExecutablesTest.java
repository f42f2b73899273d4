package dev.vastproxy.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {
  @TempDir Path dir;

  @Test
  void findsExecutableFilesOnly() throws Exception {
    Path first = Files.createDirectories(dir.resolve("a"));
    Path second = Files.createDirectories(dir.resolve("b"));
    Files.writeString(first.resolve("tool"), "not executable");
    Path tool = second.resolve("tool");
    Files.writeString(tool, "#!/bin/sh\n");
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

    Executables programs = new Executables(List.of(first, second));

    assertThat(programs.find("tool")).contains(tool);
    assertThat(programs.find("other")).isEmpty();
    assertThat(Executables.system().find("sh")).isPresent();
  }
}
