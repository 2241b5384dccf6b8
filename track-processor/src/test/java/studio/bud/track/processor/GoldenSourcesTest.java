package studio.bud.track.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The exact source generated for a few representative interfaces, compared with the golden files
 * in {@code src/test/resources/golden/<TracedName>.java.txt} (not {@code .java}, so they are never
 * compiled themselves).
 *
 * <p>When the output changes on purpose, regenerate the golden files instead of editing them:
 *
 * <pre>
 * mvn -pl track-processor test -Dtest=GoldenSourcesTest -Dtrack.regenerateGolden=true
 * </pre>
 *
 * <p>Surefire hands {@code -D} properties of the Maven command line to the forked test JVM as
 * system properties; the environment variable {@code TRACK_REGENERATE_GOLDEN=true} does the same
 * (for IDE runs). In that mode each test writes the actual output over its golden file and passes
 * without comparing; review the diff with {@code git diff} before committing it.
 */
final class GoldenSourcesTest {

  private static final String GOLDEN_FOLDER = "golden";

  @Test
  void simpleInterface() {
    assertGolden(
        "example.TracedGreeter",
        JavaFileObjects.forSourceString(
            "example.Greeter",
            """
            package example;

            import studio.bud.track.Track;

            /** A plain interface: one tracked method, one forwarded. */
            public interface Greeter {

              @Track
              String greet(String name);

              @Track(name = "greeter.farewell", type = "tool", ignoreArguments = "secret")
              void farewell(String name, String secret);

              int size();
            }
            """));
  }

  @Test
  void genericInterfaceWithBoundedMethodTypeVariable() {
    assertGolden(
        "example.TracedRepository",
        JavaFileObjects.forSourceString(
            "example.Repository",
            """
            package example;

            import java.util.List;
            import java.util.Optional;
            import studio.bud.track.Track;

            public interface Repository<K, V extends Comparable<V>> {

              @Track
              <S extends V> S save(K key, S value);

              @Track
              Optional<V> find(K key);

              @Track(captureInputInclude = "keys")
              <R extends List<? super V>> R findAll(List<? extends K> keys, R into);

              void delete(K key);
            }
            """));
  }

  @Test
  void nestedInterfaceIsNamedAfterItsEnclosingTypes() {
    assertGolden(
        "example.TracedOuter_Inner",
        JavaFileObjects.forSourceString(
            "example.Outer",
            """
            package example;

            import studio.bud.track.Track;

            public class Outer {

              /** Package-private, so the generated class is too. */
              interface Inner {
                @Track
                String call(String input);
              }
            }
            """));
  }

  @Test
  void interfaceExtendingAGenericBaseSeesItsTypeArguments() {
    assertGolden(
        "example.TracedStringStore",
        JavaFileObjects.forSourceString(
            "example.Store",
            """
            package example;

            import java.util.List;
            import studio.bud.track.Track;

            public interface Store<T> {

              @Track
              T get(String key);

              /** Its bound becomes String in StringStore's wrapper. */
              @Track
              <U extends T> U convert(U value);

              @Track(attributes = "store=generic")
              void put(String key, T value);

              List<T> all();
            }
            """),
        JavaFileObjects.forSourceString(
            "example.StringStore",
            """
            package example;

            import studio.bud.track.Track;

            public interface StringStore extends Store<String> {

              @Track(type = "tool")
              String describe();

              /** Re-declared: its own @Track replaces the inherited one. */
              @Override
              @Track(captureOutput = false)
              String get(String key);
            }
            """));
  }

  @Test
  void signaturesKeepVarargsArraysPrimitivesExceptionsAndDefaultMethods() {
    assertGolden(
        "example.TracedToolbox",
        JavaFileObjects.forSourceString(
            "example.Toolbox",
            """
            package example;

            import java.io.IOException;
            import java.util.concurrent.TimeoutException;
            import studio.bud.track.Track;

            /** Type-level @Track: every method is traced with these settings unless it has its own. */
            @Track(type = "chain", attributes = {"team=search", "tier=gold"})
            public interface Toolbox {

              String join(String separator, String... parts);

              int[] sort(int[] values, String[][] labels);

              double mix(long a, double b, boolean c, char d, float e, byte f, short g);

              void load(String path) throws IOException, TimeoutException;

              /** Parameters named like the locals of a traced body must not collide with them. */
              String collide(String span, String scope, String result, String t);

              @Track(captureInput = false, captureOutput = false, tracerName = "toolbox")
              byte[] digest(byte[] data);

              default String describe() {
                return "toolbox";
              }
            }
            """));
  }

  @Test
  void streamingAndAsyncResultsAreFollowed() {
    assertGolden(
        "example.TracedStreams",
        JavaFileObjects.forSourceString(
            "example.Streams",
            """
            package example;

            import java.util.Iterator;
            import java.util.List;
            import java.util.Map;
            import java.util.concurrent.CompletableFuture;
            import java.util.concurrent.CompletionStage;
            import java.util.concurrent.Flow;
            import java.util.stream.Stream;
            import studio.bud.track.Track;

            public interface Streams {

              @Track(type = "llm")
              Iterator<String> tokens(String prompt);

              @Track(generationsAggregator = Streams.Summer.class)
              Stream<Integer> numbers(int count);

              @Track
              Flow.Publisher<String> publish(String topic);

              @Track(captureOutputInclude = "answer")
              CompletableFuture<Map<String, Object>> ask(String question);

              @Track
              CompletionStage<Void> flush();

              /** A plain collection is a plain value, not a stream. */
              @Track
              List<String> history();

              /** Adds up the streamed numbers. */
              final class Summer implements Track.Aggregator {
                @Override
                public Object aggregate(List<Object> items) {
                  long sum = 0;
                  for (Object item : items) {
                    sum += ((Number) item).longValue();
                  }
                  return sum;
                }
              }
            }
            """));
  }

  @Test
  void frameworkResultsGoThroughTheAdapterPath() {
    assertGolden(
        "example.TracedAnswers",
        JavaFileObjects.forSourceString(
            "example.Answers",
            """
            package example;

            import java.util.List;
            import studio.bud.track.Track;

            public interface Answers {

              /** A declared type outside java.*: an adapter may follow it. */
              @Track(type = "llm")
              Reply<String> answer(String question);

              /** java.* results stay plain values, with no adapter lookup. */
              @Track
              List<Reply<String>> history();

              /** A type variable may stand for a subtype: a plain value too. */
              @Track
              <R extends Reply<String>> R refine(R reply);

              /** A framework-like result type with content and metadata. */
              final class Reply<T> {
                public final T content;

                public Reply(T content) {
                  this.content = content;
                }
              }
            }
            """));
  }

  @Test
  void methodInheritedTwiceGetsTheMostSpecificDeclaration() {
    assertGolden(
        "example.TracedChannel",
        JavaFileObjects.forSourceString(
            "example.Source",
            """
            package example;

            import java.io.IOException;
            import studio.bud.track.Track;

            public interface Source {
              @Track
              Object read() throws IOException;

              CharSequence name();

              void close() throws IOException;
            }
            """),
        JavaFileObjects.forSourceString(
            "example.Named",
            """
            package example;

            import java.sql.SQLException;

            /** Unrelated to Source: one method of the wrapper implements both. */
            public interface Named {
              String name();

              void close() throws SQLException;
            }
            """),
        JavaFileObjects.forSourceString(
            "example.TextSource",
            """
            package example;

            import java.io.FileNotFoundException;
            import studio.bud.track.Track;

            public interface TextSource extends Source {
              @Override
              @Track(type = "tool")
              String read() throws FileNotFoundException;
            }
            """),
        JavaFileObjects.forSourceString(
            "example.Channel",
            """
            package example;

            /** Reaches Source.read before its override TextSource.read. */
            public interface Channel extends Source, Named, TextSource {}
            """));
  }

  @Test
  void kindTypedAttributesAndCopiedAnnotations() {
    assertGolden(
        "example.TracedChat",
        JavaFileObjects.forSourceString(
            "example.Tool",
            """
            package example;

            import java.lang.annotation.ElementType;
            import java.lang.annotation.Retention;
            import java.lang.annotation.RetentionPolicy;
            import java.lang.annotation.Target;

            /** A framework's method annotation, like LangChain4j's @Tool. */
            @Retention(RetentionPolicy.RUNTIME)
            @Target(ElementType.METHOD)
            public @interface Tool {
              String[] value();

              String name() default "";
            }
            """),
        JavaFileObjects.forSourceString(
            "example.P",
            """
            package example;

            import java.lang.annotation.ElementType;
            import java.lang.annotation.Retention;
            import java.lang.annotation.RetentionPolicy;
            import java.lang.annotation.Target;

            /** A framework's parameter annotation, like LangChain4j's @P. */
            @Retention(RetentionPolicy.RUNTIME)
            @Target(ElementType.PARAMETER)
            public @interface P {
              String value();
            }
            """),
        JavaFileObjects.forSourceString(
            "example.Nullable",
            """
            package example;

            import java.lang.annotation.ElementType;
            import java.lang.annotation.Retention;
            import java.lang.annotation.RetentionPolicy;
            import java.lang.annotation.Target;

            /** A type-use annotation, like JSpecify's. */
            @Retention(RetentionPolicy.RUNTIME)
            @Target(ElementType.TYPE_USE)
            public @interface Nullable {}
            """),
        JavaFileObjects.forSourceString(
            "example.Chat",
            """
            package example;

            import java.util.List;
            import studio.bud.track.Track;

            public interface Chat {

              /** A CLIENT span with typed attributes, set on the span builder. */
              @Tool(value = "Answers a question", name = "ask")
              @Track(kind = Track.Kind.CLIENT, type = "llm")
              @Nullable String ask(
                  @Track.Attribute("gen_ai.request.model") String model,
                  @Track.Attribute("gen_ai.request.temperature") double temperature,
                  @Track.Attribute("gen_ai.request.stop_sequences") List<String> stop,
                  @P("the question") @Nullable String question);

              /** A kind, no attributes: started as usual. */
              @Track(kind = Track.Kind.SERVER)
              void serve(List<@Nullable String> lines, String @Nullable [] tags);

              /** Not tracked: its annotations are copied all the same. */
              @Tool("Names the model")
              String name(@P("the locale") String locale);
            }
            """));
  }

  @Test
  void sameInputGivesTheSameBytes() throws IOException {
    JavaFileObject source =
        JavaFileObjects.forSourceString(
            "example.Mixed",
            """
            package example;

            import java.util.Map;
            import java.util.stream.Stream;
            import studio.bud.track.Track;

            @Track(attributes = {"b=2", "a=1", "c=3"})
            public interface Mixed<T> {
              Stream<T> zeta(T seed);
              Map<String, T> alpha(String... keys);
              @Track(captureInputInclude = {"y", "x"}) void mu(int x, int y);
              <U extends T> U beta(U u) throws Exception;
            }
            """);
    Map<String, String> first = generatedSources(compile(source));
    Map<String, String> second = generatedSources(compile(source));

    assertThat(first).isNotEmpty();
    assertThat(second).isEqualTo(first);
  }

  // ---------------------------------------------------------------------------------------------

  private static Compilation compile(JavaFileObject... sources) {
    return Compiler.javac().withProcessors(new TrackProcessor()).compile(sources);
  }

  /**
   * Compiles {@code sources} and compares the generated {@code tracedName} with its golden file,
   * both as Java (for a readable diff of the structure) and byte for byte (the output must be
   * deterministic, down to formatting).
   */
  private static void assertGolden(String tracedName, JavaFileObject... sources) {
    Compilation compilation = compile(sources);
    // The generated class compiles against the real runtime, without a single warning.
    assertThat(compilation).succeededWithoutWarnings();
    String actual = generatedSource(compilation, tracedName);
    String fileName = tracedName.substring(tracedName.lastIndexOf('.') + 1) + ".java.txt";

    if (regenerating()) {
      writeGolden(fileName, actual);
      return;
    }
    String golden = readGolden(fileName);
    // First the structure (a readable failure for a real change), then every byte (formatting,
    // comments and import order are part of the contract: generated sources are deterministic).
    if (javacInternalsAreExported()) {
      assertThat(compilation)
          .generatedSourceFile(tracedName)
          .hasSourceEquivalentTo(JavaFileObjects.forSourceString(tracedName, golden));
    } else {
      assertThat(parsedStructure(tracedName, actual))
          .isEqualTo(parsedStructure(tracedName, golden));
    }
    assertThat(actual).isEqualTo(golden);
  }

  /**
   * Whether compile-testing's {@code hasSourceEquivalentTo} can run: its parser uses javac
   * internals, which JDK 16+ only lets it reach when the test JVM runs with {@code --add-exports
   * jdk.compiler/com.sun.tools.javac.<package>=ALL-UNNAMED} for each of these packages. The module's
   * surefire {@code argLine} sets them; an IDE run without them falls back to the public tree API.
   */
  private static boolean javacInternalsAreExported() {
    Module compiler = ModuleLayer.boot().findModule("jdk.compiler").orElseThrow();
    Module tests = GoldenSourcesTest.class.getModule();
    for (String used : List.of("api", "file", "parser", "tree", "util")) {
      if (!compiler.isExported("com.sun.tools.javac." + used, tests)) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code source} parsed with the public compiler tree API and printed back by javac, so that
   * formatting and comments do not count: the structure {@code hasSourceEquivalentTo} compares.
   */
  private static String parsedStructure(String qualifiedName, String source) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavacTask task =
        (JavacTask)
            javac.getTask(
                null,
                null,
                diagnostics,
                List.of(),
                null,
                List.of(JavaFileObjects.forSourceString(qualifiedName, source)));
    StringBuilder printed = new StringBuilder();
    try {
      for (CompilationUnitTree unit : task.parse()) {
        printed.append(unit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(diagnostics.getDiagnostics()).isEmpty();
    return printed.toString();
  }

  private static String generatedSource(Compilation compilation, String qualifiedName) {
    assertThat(compilation).generatedSourceFile(qualifiedName).isNotNull();
    JavaFileObject file = compilation.generatedSourceFile(qualifiedName).orElseThrow();
    return charContent(file);
  }

  /** Every generated source of {@code compilation} by file name, in a stable order. */
  private static Map<String, String> generatedSources(Compilation compilation) {
    assertThat(compilation).succeeded();
    Map<String, String> sources = new LinkedHashMap<>();
    List<JavaFileObject> files = compilation.generatedSourceFiles();
    for (JavaFileObject file : files) {
      sources.put(file.toUri().toString(), charContent(file));
    }
    return sources;
  }

  private static String charContent(JavaFileObject file) {
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean regenerating() {
    return Boolean.parseBoolean(System.getProperty("track.regenerateGolden"))
        || Boolean.parseBoolean(System.getenv("TRACK_REGENERATE_GOLDEN"));
  }

  private static String readGolden(String fileName) {
    String resource = GOLDEN_FOLDER + "/" + fileName;
    try (InputStream in = GoldenSourcesTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new AssertionError(
            "No golden file src/test/resources/" + resource + "; create it with"
                + " mvn -pl track-processor test -Dtest=GoldenSourcesTest"
                + " -Dtrack.regenerateGolden=true");
      }
      return new String(in.readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes into the source tree, not {@code target/test-classes}: surefire runs with the module
   * folder as {@code basedir} (and working directory), which an IDE run usually matches too.
   */
  private static void writeGolden(String fileName, String content) {
    Path moduleDir = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")));
    Path file = moduleDir.resolve(Paths.get("src", "test", "resources", GOLDEN_FOLDER, fileName));
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println("GoldenSourcesTest: wrote " + file);
  }
}
