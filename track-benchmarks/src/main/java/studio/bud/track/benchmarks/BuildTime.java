package studio.bud.track.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.util.ListStatistics;
import studio.bud.track.Track;
import studio.bud.track.processor.TrackProcessor;
import studio.bud.track.runtime.internal.TrackedMethod;

/**
 * What the processor costs a build: javac, run in this JVM through {@link
 * ToolProvider#getSystemJavaCompiler()}, on a {@link Corpus} of interfaces and implementations,
 * with the processor, against javac on the same sources with the wrappers the processor
 * generates added as plain sources and no processor ({@code -proc:none}). Both compile exactly
 * the same classes; the difference is the processor's work and the extra round it causes.
 *
 * <p>After warm-up compiles of both kinds (so the JIT has compiled javac and the processor), the
 * two kinds alternate, each pair in the opposite order to the last, and each compile's CPU time
 * is taken from the compiling thread ({@code ThreadMXBean}: javac's own work, without the JIT and
 * GC threads) and from the whole process (with them), with the bytes the thread allocated.
 */
final class BuildTime {

  /** The benchmark name of javac with the processor, as {@link Goals} looks it up. */
  static final String WITH = "BuildTime.javacWithProcessor";

  /** javac on the same sources, the generated wrappers included, without the processor. */
  static final String WITHOUT = "BuildTime.javacWithoutProcessor";

  /** The parameter of the measurements by the compiling thread's CPU time. */
  static final String THREAD_CPU = "thread CPU";

  /** The parameter of the measurements by the process's CPU time. */
  static final String PROCESS_CPU = "process CPU";

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** How big the corpus is and how often it is compiled. */
  record Settings(int interfaces, int warmupPairs, int pairs) {
    @Override
    public String toString() {
      return interfaces + " interfaces x " + Corpus.METHODS_PER_INTERFACE
          + " tracked methods + implementations; " + warmupPairs + " warm-up pairs, "
          + pairs + " measured pairs";
    }
  }

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final Path work;
  private final String classpath;
  private final List<Path> corpus;
  private final List<Path> withGenerated = new ArrayList<>();
  private int compiles;

  private BuildTime(Path work, int interfaces) throws IOException {
    if (javac == null) {
      throw new IllegalStateException("no system Java compiler: run on a JDK, not a JRE");
    }
    this.work = work;
    this.classpath = classpath();
    this.corpus = Corpus.write(work.resolve("src"), interfaces);
  }

  /** Generates the corpus in a temporary folder, measures both kinds of compile, cleans up. */
  static List<Measurement> measure(Settings settings) throws IOException {
    Path work = Files.createTempDirectory("track-build-time");
    try {
      BuildTime build = new BuildTime(work, settings.interfaces());
      return build.run(settings);
    } finally {
      delete(work);
    }
  }

  private List<Measurement> run(Settings settings) throws IOException {
    Path generated = work.resolve("generated");
    Files.createDirectories(generated);
    compile(true, generated);
    List<Path> wrappers;
    try (Stream<Path> files = Files.walk(generated)) {
      wrappers = files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
    }
    if (wrappers.size() != settings.interfaces() + 1) { // and corpus.TracedLookup
      throw new IllegalStateException(
          "the processor generated " + wrappers.size() + " wrappers for "
              + settings.interfaces() + " interfaces and their base");
    }
    withGenerated.addAll(corpus);
    withGenerated.addAll(wrappers);

    for (int i = 0; i < settings.warmupPairs(); i++) {
      compile(true, null);
      compile(false, null);
    }
    ListStatistics withThread = new ListStatistics();
    ListStatistics withProcess = new ListStatistics();
    ListStatistics withoutThread = new ListStatistics();
    ListStatistics withoutProcess = new ListStatistics();
    double withBytes = 0;
    double withoutBytes = 0;
    for (int i = 0; i < settings.pairs(); i++) {
      for (boolean processor : i % 2 == 0 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        Cost cost = compile(processor, null);
        (processor ? withThread : withoutThread).addValue(cost.threadNanos);
        (processor ? withProcess : withoutProcess).addValue(cost.processNanos);
        if (processor) {
          withBytes += (double) cost.bytes / settings.pairs();
        } else {
          withoutBytes += (double) cost.bytes / settings.pairs();
        }
      }
    }
    return List.of(
        measurement(WITH, THREAD_CPU, withThread, withBytes),
        measurement(WITHOUT, THREAD_CPU, withoutThread, withoutBytes),
        measurement(WITH, PROCESS_CPU, withProcess, withBytes),
        measurement(WITHOUT, PROCESS_CPU, withoutProcess, withoutBytes));
  }

  private static Measurement measurement(String name, String param, ListStatistics runs, double bytes) {
    return new Measurement(
        name, param, 1, runs.getPercentile(50), runs.getMean(),
        runs.getN() > 1 ? runs.getMeanErrorAt(0.999) : Double.NaN, bytes);
  }

  private record Cost(long threadNanos, long processNanos, long bytes) {}

  /**
   * One javac run into a fresh class output folder: the corpus with the processor (its sources
   * written to {@code sourceOutput}, or to a fresh folder when that is null), or the corpus and
   * the generated wrappers without it.
   */
  private Cost compile(boolean processor, Path sourceOutput) throws IOException {
    Path run = work.resolve("run" + compiles++);
    Path classes = Files.createDirectories(run.resolve("classes"));
    List<String> options = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath));
    if (processor) {
      Path sources = sourceOutput != null ? sourceOutput : Files.createDirectories(run.resolve("generated"));
      options.addAll(List.of("-s", sources.toString()));
    } else {
      options.add("-proc:none");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long thread0 = THREADS.getCurrentThreadCpuTime();
    long process0 = OS.getProcessCpuTime();
    long bytes0 = THREADS.getCurrentThreadAllocatedBytes();
    boolean ok;
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, options, null,
              files.getJavaFileObjectsFromPaths(processor ? corpus : withGenerated));
      if (processor) {
        task.setProcessors(List.of(new TrackProcessor()));
      }
      ok = task.call();
    }
    Cost cost =
        new Cost(
            THREADS.getCurrentThreadCpuTime() - thread0,
            OS.getProcessCpuTime() - process0,
            THREADS.getCurrentThreadAllocatedBytes() - bytes0);
    List<String> errors =
        diagnostics.getDiagnostics().stream()
            .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
            .map(Object::toString)
            .collect(Collectors.toList());
    if (!ok || !errors.isEmpty()) {
      throw new IllegalStateException("the corpus did not compile: " + errors);
    }
    if (sourceOutput == null) {
      delete(run);
    }
    return cost;
  }

  /** Where the annotations, runtime and OpenTelemetry API are (one jar, in the shaded jar). */
  private static String classpath() {
    Set<String> entries = new LinkedHashSet<>();
    for (Class<?> type : new Class<?>[] {Track.class, TrackedMethod.class, Span.class, Context.class}) {
      try {
        entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate " + type, e);
      }
    }
    return String.join(java.io.File.pathSeparator, entries);
  }

  private static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.delete(file);
      }
    }
  }

  /** Measures with the RESULTS.md corpus and prints the measurements: for profiling it alone. */
  public static void main(String[] args) throws IOException {
    int interfaces = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int warmups = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    for (Measurement m : measure(new Settings(interfaces, warmups, pairs))) {
      System.out.println(m);
    }
  }
}
