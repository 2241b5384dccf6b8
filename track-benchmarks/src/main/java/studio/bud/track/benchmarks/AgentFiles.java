package studio.bud.track.benchmarks;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import studio.bud.track.benchmarks.agentextension.DiscardingSpanExporterProvider;

/**
 * Finds the OpenTelemetry Java agent and the discarding-exporter extension that the build leaves
 * in {@code target/agent/}, and the JVM options that start a fork under them.
 *
 * <p>The directory is {@code -Dtrack.benchmarks.agentDir} when set, else {@code agent/} next to
 * where this class was loaded from: both {@code target/benchmarks.jar} and {@code target/classes}
 * sit in {@code target/}, so it works from the uber-jar and from an IDE alike, whatever the
 * working directory.
 */
final class AgentFiles {

  static final String DIRECTORY_PROPERTY = "track.benchmarks.agentDir";
  static final String AGENT_JAR = "opentelemetry-javaagent.jar";
  static final String EXTENSION_SUFFIX = "-agent-extension.jar";

  final Path agent;
  final Path extension;

  private AgentFiles(Path agent, Path extension) {
    this.agent = agent;
    this.extension = extension;
  }

  /** The agent files, or an exception that says where they were looked for and how to make them. */
  static AgentFiles locate() {
    Path directory = directory();
    Path agent = directory.resolve(AGENT_JAR);
    Path extension = null;
    if (Files.isDirectory(directory)) {
      try (DirectoryStream<Path> jars = Files.newDirectoryStream(directory, "*" + EXTENSION_SUFFIX)) {
        for (Path jar : jars) {
          extension = jar;
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + directory, e);
      }
    }
    if (!Files.isRegularFile(agent) || extension == null) {
      throw new IllegalStateException(
          "The OpenTelemetry Java agent and the benchmark extension are not in "
              + directory
              + ". Build them with `mvn -B -q install -DskipTests` (track-benchmarks' package phase"
              + " copies them), point -D" + DIRECTORY_PROPERTY + " at them, or pass --no-agent.");
    }
    return new AgentFiles(agent, extension);
  }

  /**
   * The options of a fork under the agent: spans recorded with the default sampler, batched by
   * the agent's {@code BatchSpanProcessor} and dropped by the extension's exporter; no metrics or
   * logs exported; the processor's dropped-span warnings silenced.
   */
  List<String> jvmArgs() {
    return List.of(
        "-javaagent:" + agent.toAbsolutePath(),
        "-Dotel.javaagent.extensions=" + extension.toAbsolutePath(),
        "-Dotel.traces.exporter=" + DiscardingSpanExporterProvider.NAME,
        "-Dotel.metrics.exporter=none",
        "-Dotel.logs.exporter=none",
        "-Dotel.service.name=track-benchmarks",
        // As in BenchmarkSdk: no warning printed at every export when spans come faster than
        // the worker takes them.
        "-Dio.opentelemetry.javaagent.slf4j.simpleLogger.log."
            + "io.opentelemetry.sdk.trace.export.BatchSpanProcessor=off",
        "-D" + AgentBenchmarks.REQUIRE_AGENT + "=true");
  }

  /** The agent's file and version (from its manifest) and the extension's file name. */
  String describe() {
    String version = "unknown version";
    try (JarFile jar = new JarFile(agent.toFile())) {
      Manifest manifest = jar.getManifest();
      if (manifest != null && manifest.getMainAttributes().getValue("Implementation-Version") != null) {
        version = manifest.getMainAttributes().getValue("Implementation-Version");
      }
    } catch (IOException unreadable) {
      // Described without a version.
    }
    return agent.getFileName() + " " + version + ", extension " + extension.getFileName();
  }

  private static Path directory() {
    String configured = System.getProperty(DIRECTORY_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    try {
      Path loadedFrom =
          Path.of(AgentFiles.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return loadedFrom.toAbsolutePath().getParent().resolve("agent");
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("track-benchmarks", "target", "agent");
    }
  }
}
