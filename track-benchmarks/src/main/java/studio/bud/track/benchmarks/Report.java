package studio.bud.track.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs every comparison in one go, and prints a Markdown table of ns/op and B/op followed by the
 * goal ratios of issue 16 with PASS or MISS: first the build-time comparison ({@link BuildTime},
 * javac in this JVM), then every JMH benchmark through the JMH API with the {@code gc} profiler.
 *
 * <pre>
 * java -jar track-benchmarks/target/benchmarks.jar            # short profile, a few minutes
 * java -jar track-benchmarks/target/benchmarks.jar --full     # the RESULTS.md profile
 * </pre>
 *
 * <p>Options: {@code --full}; {@code --no-agent} (skip the agent comparison); {@code
 * --no-build-time} (skip the javac comparison); {@code --out FILE} (also
 * write the report there); {@code --quiet} (no JMH progress output). Every benchmark runs in a
 * fork of its own, with a 1-second iteration time; the agent benchmark's fork starts under
 * {@code -javaagent} (see {@link AgentFiles}). For anything else, JMH's own entry point is in the same jar:
 * {@code java -cp track-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main -h}.
 */
public final class Report {

  private static final String PACKAGE = "^studio\\.bud\\.track\\.benchmarks\\.";

  /**
   * Everything that runs without the agent, at one thread: every {@code *Benchmarks} class of the
   * package but {@link AgentBenchmarks}, so that a new benchmark class is in the run by its name.
   */
  private static final String IN_PROCESS = PACKAGE + "(?!AgentBenchmarks\\.)\\w+Benchmarks\\.";

  /** The per-call comparisons repeated at four threads. */
  private static final String THREADED =
      PACKAGE + "CallBenchmarks\\.(direct|forwarding|wrapperOff|wrapperOn|handSdk)$";

  private static final String AGENT = PACKAGE + "AgentBenchmarks\\.";

  /**
   * The one-thread pairs whose goal is "no slower" or within 5%: a difference smaller than the
   * noise here, where the same benchmark settles at levels up to 1.7x apart from one fork to the
   * next (the benchmark thread, the exporter thread and the collector share two cores), so each
   * round measures them in {@link #EXTRA_FORKS} more forks, merged into the same medians.
   */
  static final String CLOSE_PAIRS =
      PACKAGE + "(CallBenchmarks\\.(forwarding|wrapperOff|wrapperOn|handSdk)|SampledOutBenchmarks\\.(hand|wrapper))$";

  /** The list-length goal's pair, by the same reasoning: the wrapper with both list arguments. */
  static final String LIST_PAIR = PACKAGE + "ArgumentLengthBenchmarks\\.wrapperOn$";

  /** How many more forks {@link #CLOSE_PAIRS} and {@link #LIST_PAIR} get in every round. */
  static final int EXTRA_FORKS = 4;

  private Report() {}

  /**
   * How long each benchmark is measured. Every run forks once per benchmark; the full profile
   * repeats the whole suite in rounds rather than forking twice in a row, so that a stretch of
   * load from another process falls on every benchmark alike instead of on one.
   */
  enum Profile {
    /** One round, one fork of about 6 s per benchmark; 5 measured compile pairs. */
    SHORT(1, 2, 3, new BuildTime.Settings(400, 3, 5)),
    /** Two rounds of about 10 s per benchmark; 11 measured compile pairs. */
    FULL(2, 3, 6, new BuildTime.Settings(400, 3, 11));

    final int rounds;
    final int warmupIterations;
    final int iterations;
    final BuildTime.Settings buildTime;

    Profile(int rounds, int warmupIterations, int iterations, BuildTime.Settings buildTime) {
      this.rounds = rounds;
      this.warmupIterations = warmupIterations;
      this.iterations = iterations;
      this.buildTime = buildTime;
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT)
          + ": " + rounds + " round(s) of one fork per benchmark, each "
          + warmupIterations + " x 1 s warmup + " + iterations + " x 1 s measured, "
          + (1 + EXTRA_FORKS) + " forks for the 1-thread call, sampled-out and list-length pairs";
    }
  }

  public static void main(String[] args) throws RunnerException, IOException {
    Profile profile = Profile.SHORT;
    boolean withAgent = true;
    boolean withBuildTime = true;
    boolean quiet = false;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--full":
          profile = Profile.FULL;
          break;
        case "--no-agent":
          withAgent = false;
          break;
        case "--no-build-time":
          withBuildTime = false;
          break;
        case "--quiet":
          quiet = true;
          break;
        case "--out":
          if (i + 1 == args.length) {
            usage("--out needs a file");
            return;
          }
          out = Path.of(args[++i]);
          break;
        case "-h":
        case "--help":
          usage(null);
          return;
        default:
          usage("unknown option " + args[i]);
          return;
      }
    }

    AgentFiles agent = null;
    if (withAgent) {
      try {
        agent = AgentFiles.locate();
      } catch (IllegalStateException e) {
        System.err.println(e.getMessage());
        System.exit(2);
        return;
      }
    }

    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String loadBefore = Machine.loadAverage();
    List<Measurement> buildTime = new ArrayList<>();
    if (withBuildTime) {
      // First, in a JVM that has run nothing else yet; javac is single-threaded, and no fork runs.
      if (!quiet) {
        System.out.println("# Build time: " + profile.buildTime);
      }
      buildTime.addAll(BuildTime.measure(profile.buildTime));
    }
    List<RunResult> results = new ArrayList<>();
    for (int round = 0; round < profile.rounds; round++) {
      results.addAll(run(options(profile, quiet).include(IN_PROCESS).threads(1)));
      if (agent != null) {
        results.addAll(run(options(profile, quiet).include(AGENT).threads(1).jvmArgsAppend(agent.jvmArgs().toArray(new String[0]))));
      }
      results.addAll(run(options(profile, quiet).include(CLOSE_PAIRS).threads(1).forks(EXTRA_FORKS)));
      results.addAll(
          run(
              options(profile, quiet)
                  .include(LIST_PAIR)
                  .param("input", ArgumentLengthBenchmarks.SHORT_LIST, ArgumentLengthBenchmarks.LIST)
                  .threads(1)
                  .forks(EXTRA_FORKS)));
      results.addAll(run(options(profile, quiet).include(THREADED).threads(4)));
      if (agent != null) {
        results.addAll(run(options(profile, quiet).include(AGENT).threads(4).jvmArgsAppend(agent.jvmArgs().toArray(new String[0]))));
      }
    }
    String loadAfter = Machine.loadAverage();

    Map<String, Measurement> measurements = measurements(results);
    for (Measurement m : buildTime) {
      measurements.put(m.key(), m);
    }
    String report =
        render(profile, started, loadBefore, loadAfter, agent, withBuildTime, measurements);
    System.out.println();
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report, StandardCharsets.UTF_8);
    }
  }

  private static ChainedOptionsBuilder options(Profile profile, boolean quiet) {
    return new OptionsBuilder()
        .forks(1)
        .warmupIterations(profile.warmupIterations)
        .warmupTime(TimeValue.seconds(1))
        .measurementIterations(profile.iterations)
        .measurementTime(TimeValue.seconds(1))
        .mode(Mode.AverageTime)
        .timeUnit(TimeUnit.NANOSECONDS)
        .addProfiler(GCProfiler.class)
        .shouldFailOnError(true)
        .verbosity(quiet ? VerboseMode.SILENT : VerboseMode.NORMAL);
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
    return new Runner(options.build()).run();
  }

  /**
   * The results keyed by {@link Measurement#key()}, in the order they first ran, each benchmark's
   * runs of all rounds merged: every measured iteration of every fork counts once.
   */
  static Map<String, Measurement> measurements(Collection<RunResult> results) {
    Map<String, List<RunResult>> runs = new LinkedHashMap<>();
    for (RunResult result : results) {
      BenchmarkParams params = result.getParams();
      String key = Measurement.key(shortName(params.getBenchmark()), param(params), params.getThreads());
      runs.computeIfAbsent(key, k -> new ArrayList<>()).add(result);
    }
    Map<String, Measurement> measurements = new LinkedHashMap<>();
    for (List<RunResult> sameBenchmark : runs.values()) {
      ListStatistics iterations = new ListStatistics();
      double bytes = 0;
      for (RunResult run : sameBenchmark) {
        for (BenchmarkResult fork : run.getBenchmarkResults()) {
          for (IterationResult iteration : fork.getIterationResults()) {
            iterations.addValue(iteration.getPrimaryResult().getScore());
          }
        }
        bytes += allocationPerOperation(run) / sameBenchmark.size();
      }
      BenchmarkParams params = sameBenchmark.get(0).getParams();
      Measurement measurement =
          new Measurement(
              shortName(params.getBenchmark()),
              param(params),
              params.getThreads(),
              iterations.getPercentile(50),
              iterations.getMean(),
              iterations.getMeanErrorAt(0.999),
              bytes);
      measurements.put(measurement.key(), measurement);
    }
    return measurements;
  }

  /** The gc profiler's bytes per operation, or NaN when it did not report. */
  private static double allocationPerOperation(RunResult run) {
    // JMH types this map raw; the key has changed prefix between JMH versions.
    for (String name : run.getSecondaryResults().keySet()) {
      if (name.endsWith("gc.alloc.rate.norm")) {
        Result<?> allocation = run.getSecondaryResults().get(name);
        return allocation.getScore();
      }
    }
    return Double.NaN;
  }

  private static String param(BenchmarkParams params) {
    return params.getParamsKeys().isEmpty()
        ? ""
        : params.getParam(params.getParamsKeys().iterator().next());
  }

  /** {@code studio.bud.track.benchmarks.CallBenchmarks.direct} to {@code CallBenchmarks.direct}. */
  private static String shortName(String benchmark) {
    int method = benchmark.lastIndexOf('.');
    int type = benchmark.lastIndexOf('.', method - 1);
    return benchmark.substring(type + 1);
  }

  static String render(
      Profile profile,
      String started,
      String loadBefore,
      String loadAfter,
      AgentFiles agent,
      boolean withBuildTime,
      Map<String, Measurement> measurements) {
    StringBuilder text = new StringBuilder();
    text.append("## Machine\n\n");
    text.append("- date: ").append(started).append('\n');
    text.append("- processors: ").append(Machine.processors()).append(", CPU: ").append(Machine.cpu()).append('\n');
    text.append("- JDK: ").append(Machine.jdk()).append(", OS: ").append(Machine.os()).append('\n');
    text.append("- load average (1/5/15 min): ").append(loadBefore).append(" before, ").append(loadAfter).append(" after\n");
    text.append("- profile: ").append(profile).append(", mode: average time, gc profiler on\n");
    text.append("- agent: ").append(agent == null ? "not run (--no-agent)" : agent.describe()).append('\n');
    text.append("- build time: ")
        .append(withBuildTime ? profile.buildTime + ", javac in the report's own JVM" : "not run (--no-build-time)")
        .append("\n\n");

    text.append("## Measurements\n\n");
    text.append("Streaming rows are per element (1000 elements per call); BuildTime rows are per compile of the whole corpus, in CPU ns, with the compiling thread's allocation as B/op; every other row is per call.\n\n");
    text.append("ns/op is the median of all measured iterations of all rounds (the ratios use it), then their mean ± its 99.9% confidence interval.\n\n");
    text.append("| benchmark | threads | ns/op (median) | mean ± 99.9% | B/op |\n");
    text.append("|---|---:|---:|---:|---:|\n");
    for (Measurement m : measurements.values()) {
      text.append("| ").append(m.label())
          .append(" | ").append(m.threads())
          .append(" | ").append(Measurement.format(m.nanos()))
          .append(" | ").append(Measurement.format(m.mean())).append(" ± ").append(Measurement.format(m.error()))
          .append(" | ").append(Measurement.format(m.bytes()))
          .append(" |\n");
    }

    Goals goals = new Goals(measurements);
    text.append("\n## Goals\n\n");
    text.append("| ratio | measured | goal | verdict |\n");
    text.append("|---|---:|---|---|\n");
    for (Goals.Row row : goals.goals()) {
      text.append("| ").append(row.ratio()).append(" | ").append(row.value()).append(" | ")
          .append(row.goal()).append(" | ").append(row.verdict()).append(" |\n");
    }
    text.append("\n## Other ratios\n\n");
    text.append("| ratio | measured |\n");
    text.append("|---|---:|\n");
    for (Goals.Row row : goals.others()) {
      text.append("| ").append(row.ratio()).append(" | ")
          .append(row.value().isEmpty() ? row.verdict() : row.value()).append(" |\n");
    }
    return text.toString();
  }

  private static void usage(String problem) {
    PrintStream stream = problem == null ? System.out : System.err;
    if (problem != null) {
      stream.println(problem);
    }
    stream.println("usage: java -jar benchmarks.jar [--full] [--no-agent] [--no-build-time] [--quiet] [--out FILE]");
    stream.println("  --full      2 rounds, more iterations, more compile pairs");
    stream.println("  --no-agent  skip the OpenTelemetry Java agent comparison");
    stream.println("  --no-build-time  skip the javac comparison");
    stream.println("  --quiet     print only the report, not JMH's progress");
    stream.println("  --out FILE  also write the report to FILE");
    if (problem != null) {
      System.exit(2);
    }
  }
}
