package dev.vastproxy.bench.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes a shell script that stands in for a load tool: it records its arguments and prints. */
final class FakeTool {
  private FakeTool() {}

  /** A script that saves its arguments to {@code args.txt} beside it and prints {@code output}. */
  static Path script(Path dir, String name, String output) throws IOException {
    Path printed = dir.resolve(name + ".txt");
    Files.writeString(printed, output);
    Path script = dir.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '"
            + dir.resolve("args.txt")
            + "'\ncat '"
            + printed
            + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
