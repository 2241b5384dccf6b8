package studio.bud.track.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a result depends on: processors, CPU model, JDK, and how busy the machine was. */
final class Machine {

  private Machine() {}

  static int processors() {
    return Runtime.getRuntime().availableProcessors();
  }

  /** The first {@code model name} of {@code /proc/cpuinfo}, or {@code os.arch} elsewhere. */
  static String cpu() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      for (String line : lines) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException unavailable) {
      // Not Linux: fall through.
    }
    return System.getProperty("os.arch");
  }

  static String jdk() {
    return System.getProperty("java.vm.name")
        + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vm.vendor") + ")";
  }

  static String os() {
    return System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** The 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or the JVM's 1-minute one. */
  static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException | RuntimeException unavailable) {
      return String.valueOf(
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}
