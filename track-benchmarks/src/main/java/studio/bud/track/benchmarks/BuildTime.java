package studio.bud.track.benchmarks;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
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
 * the same classes; the difference is the processor's work and the extra round it causes. A third
 * kind, {@link #FLOOR}, separates the two: a processor that only writes the same files.
 *
 * <p>After warm-up compiles of every kind (so the JIT has compiled javac and the processor), the
 * kinds take turns, each measured round in a rotated order, and each compile's CPU time
 * is taken from the compiling thread ({@code ThreadMXBean}: javac's own work, without the JIT and
 * GC threads) and from the whole process (with them), with the bytes the thread allocated.
 */
final class BuildTime {

  /** The benchmark name of javac with the processor, as {@link Goals} looks it up. */
  static final String WITH = "BuildTime.javacWithProcessor";

  /** javac on the same sources, the generated wrappers included, without the processor. */
  static final String WITHOUT = "BuildTime.javacWithoutProcessor";

  /**
   * javac with a processor that does nothing but write the very same wrapper sources through the
   * {@code Filer}: what any generating processor costs javac (the extra round, the new files)
   * before it does any work of its own, the floor under {@link #WITH}.
   *
   * <p>That floor is javac's own (JDK 17, measured with a {@code TaskListener} per phase and a
   * flight recording): with a processor, javac enters the corpus before the first round, then
   * enters all the compilation units again for the round that sees the generated files, for the
   * final round and once more after processing. That is four enters, where {@code -proc:none}
   * has one, and they are about four fifths of what the floor adds. The rest is the {@code
   * Filer}: each {@code createSourceFile} looks its name up in every module and compares the
   * file with every one created before it. A processor that generates nothing already costs two
   * of the extra enters. The copying processor itself only writes each file in one call.
   */
  static final String FLOOR = "BuildTime.javacWithCopyingProcessor";

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
          + " tracked methods + implementations; " + warmupPairs + " warm-up and "
          + pairs + " measured compiles of each kind";
    }
  }

  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private final Path work;
  private final String classpath;
  private final List<Path> corpus;
  private final List<Path> withGenerated = new ArrayList<>();
  /** The wrappers the processor generated: qualified name to source text. */
  private final Map<String, String> wrapperSources = new LinkedHashMap<>();
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
    compile(Kind.TRACK, generated);
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
    for (Path wrapper : wrappers) {
      String relative = generated.relativize(wrapper).toString();
      String name = relative.substring(0, relative.length() - ".java".length()).replace(File.separatorChar, '.');
      wrapperSources.put(name, Files.readString(wrapper, StandardCharsets.UTF_8));
    }

    List<Kind> kinds = List.of(Kind.TRACK, Kind.NONE, Kind.COPYING);
    for (int i = 0; i < settings.warmupPairs(); i++) {
      for (Kind kind : kinds) {
        compile(kind, null);
      }
    }
    Map<Kind, ListStatistics> thread = new EnumMap<>(Kind.class);
    Map<Kind, ListStatistics> process = new EnumMap<>(Kind.class);
    Map<Kind, Double> bytes = new EnumMap<>(Kind.class);
    for (Kind kind : kinds) {
      thread.put(kind, new ListStatistics());
      process.put(kind, new ListStatistics());
      bytes.put(kind, 0.0);
    }
    for (int i = 0; i < settings.pairs(); i++) {
      List<Kind> order = new ArrayList<>(kinds);
      Collections.rotate(order, i); // each kind first, second and last in turn
      for (Kind kind : order) {
        Cost cost = compile(kind, null);
        thread.get(kind).addValue(cost.threadNanos);
        process.get(kind).addValue(cost.processNanos);
        bytes.put(kind, bytes.get(kind) + (double) cost.bytes / settings.pairs());
      }
    }
    List<Measurement> measured = new ArrayList<>();
    for (String param : List.of(THREAD_CPU, PROCESS_CPU)) {
      Map<Kind, ListStatistics> runs = param.equals(THREAD_CPU) ? thread : process;
      for (Kind kind : kinds) {
        measured.add(measurement(kind.benchmark, param, runs.get(kind), bytes.get(kind)));
      }
    }
    return measured;
  }

  /** The three kinds of compile. */
  private enum Kind {
    /** The corpus, with track's processor. */
    TRACK(WITH),
    /** The corpus and the generated wrappers, no processor. */
    NONE(WITHOUT),
    /** The corpus, with a processor that writes the same wrappers and does nothing else. */
    COPYING(FLOOR);

    final String benchmark;

    Kind(String benchmark) {
      this.benchmark = benchmark;
    }
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
  private Cost compile(Kind kind, Path sourceOutput) throws IOException {
    boolean processor = kind != Kind.NONE;
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
      if (kind == Kind.TRACK) {
        task.setProcessors(List.of(new TrackProcessor()));
      } else if (kind == Kind.COPYING) {
        task.setProcessors(List.of(new CopyingProcessor(wrapperSources)));
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

  /**
   * Writes the given sources in its first round and does nothing else: javac's own cost of a
   * processor that generates these files, without the work of deciding what they say.
   */
  @SupportedAnnotationTypes("studio.bud.track.Track")
  private static final class CopyingProcessor extends AbstractProcessor {
    private final Map<String, String> sources;
    private boolean written;

    CopyingProcessor(Map<String, String> sources) {
      this.sources = sources;
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(
        Set<? extends TypeElement> annotations,
        RoundEnvironment round) {
      if (written) {
        return false;
      }
      written = true;
      for (Map.Entry<String, String> source : sources.entrySet()) {
        try (Writer writer = processingEnv.getFiler().createSourceFile(source.getKey()).openWriter()) {
          writer.write(source.getValue());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
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
    return String.join(File.pathSeparator, entries);
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
