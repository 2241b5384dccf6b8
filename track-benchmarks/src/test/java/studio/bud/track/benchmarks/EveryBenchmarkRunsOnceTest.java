package studio.bud.track.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import studio.bud.track.benchmarks.agentextension.DiscardingSpanExporter;

/**
 * Runs every benchmark exactly once, in this JVM, through JMH itself (so its generated code,
 * {@code @Param} values, setups and teardowns are exercised too), without timing anything: the
 * suite cannot rot unnoticed. The agent benchmark runs here without the agent.
 */
class EveryBenchmarkRunsOnceTest {

  @Test
  void everyBenchmarkMethodRunsOnceAndReturns() throws Exception {
    long exportedBefore = DiscardingSpanExporter.exportedSpans();
    Options once =
        new OptionsBuilder()
            .include("^studio\\.bud\\.track\\.benchmarks\\.")
            .mode(Mode.SingleShotTime)
            .forks(0)
            .threads(1)
            .warmupIterations(0)
            .measurementIterations(1)
            .measurementBatchSize(1)
            .shouldFailOnError(true) // a benchmark or setup that throws fails the run
            .verbosity(VerboseMode.SILENT)
            .build();

    Collection<RunResult> results = new Runner(once).run();

    Set<String> ran =
        results.stream().map(r -> r.getParams().getBenchmark()).collect(Collectors.toSet());
    assertThat(ran).containsExactlyInAnyOrderElementsOf(benchmarkMethodsInClassFiles());
    assertThat(
            results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("ArgumentLengthBenchmarks.wrapperOn"))
                .map(r -> r.getParams().getParam("input")))
        .containsExactlyInAnyOrder(
            "16", "1000", "100000", ArgumentLengthBenchmarks.SHORT_LIST, ArgumentLengthBenchmarks.LIST);
    // Every ratio the report computes finds its benchmarks under the names and parameters that
    // JMH gives them (only the 4-thread and javac rows need a run this test does not make).
    Goals goals = new Goals(Report.measurements(results));
    assertThat(Stream.concat(goals.goals().stream(), goals.others().stream()))
        .filteredOn(row -> !row.ratio().contains("4 threads") && !row.ratio().contains("javac"))
        .isNotEmpty()
        .allSatisfy(row -> assertThat(row.verdict()).as(row.ratio()).isNotEqualTo("not measured"));
    // The traced benchmarks really recorded: their spans reached the exporter when the SDK closed.
    assertThat(DiscardingSpanExporter.exportedSpans()).isGreaterThan(exportedBefore);
  }

  /**
   * Every {@code @Benchmark} method of the compiled benchmark classes, found by reading the class
   * files rather than JMH's own list, so a benchmark JMH failed to register would show up.
   */
  private static Set<String> benchmarkMethodsInClassFiles()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path classes = Path.of(Report.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path benchmarks = classes.resolve("studio/bud/track/benchmarks");
    List<String> classNames;
    try (Stream<Path> files = Files.list(benchmarks)) {
      classNames =
          files
              .map(file -> file.getFileName().toString())
              .filter(name -> name.endsWith(".class") && !name.contains("$"))
              .map(name -> "studio.bud.track.benchmarks." + name.substring(0, name.length() - 6))
              .collect(Collectors.toList());
    }
    Set<String> methods = new HashSet<>();
    for (String className : classNames) {
      for (var method : Class.forName(className).getDeclaredMethods()) {
        if (method.isAnnotationPresent(Benchmark.class)) {
          methods.add(className + "." + method.getName());
        }
      }
    }
    assertThat(methods).hasSizeGreaterThan(20);
    return methods;
  }
}
