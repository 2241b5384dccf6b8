package studio.bud.track.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the processor rejects: each rule reported with its {@link Messages}
 * constant, on the line of the offending element or annotation value, without crashing javac.
 *
 * <p>The fixtures are strings, not files under {@code src/test/java}: that folder is compiled
 * through the processor itself, and these must fail.
 */
final class TrackDiagnosticsTest {

  // ---------------------------------------------------------------------------------------------
  // @Track in the wrong place

  private static final JavaFileObject ON_CLASS_METHOD =
      source(
          "x.Service",
          "package x;",
          "import studio.bud.track.Track;",
          "public class Service {",
          "  @Track",
          "  public String handle(String request) { return request; }",
          "}");

  private static final JavaFileObject ON_ENUM_METHOD =
      source(
          "x.Mode",
          "package x;",
          "import studio.bud.track.Track;",
          "public enum Mode {",
          "  FAST;",
          "  @Track",
          "  public String label() { return name(); }",
          "}");

  private static final JavaFileObject ON_RECORD_METHOD =
      source(
          "x.Point",
          "package x;",
          "import studio.bud.track.Track;",
          "public record Point(int x, int y) {",
          "  @Track",
          "  public int sum() { return x + y; }",
          "}");

  private static final JavaFileObject ON_ANNOTATION_TYPE_ELEMENT =
      source(
          "x.Marker",
          "package x;",
          "import studio.bud.track.Track;",
          "public @interface Marker {",
          "  @Track",
          "  String value();",
          "}");

  private static final JavaFileObject ON_CLASS_TYPE =
      source(
          "x.Worker",
          "package x;",
          "import studio.bud.track.Track;",
          "@Track",
          "public class Worker {",
          "  public void work() {}",
          "}");

  private static final JavaFileObject ON_STATIC_METHOD =
      source(
          "x.Util",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Util {",
          "  @Track",
          "  static String help(String topic) { return topic; }",
          "  String run();",
          "}");

  private static final JavaFileObject ON_PRIVATE_METHOD =
      source(
          "x.Helper",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Helper {",
          "  @Track",
          "  private String secret() { return \"s\"; }",
          "  default String open() { return secret(); }",
          "}");

  private static final JavaFileObject PRIVATE_NESTED_INTERFACE =
      source(
          "x.Outer",
          "package x;",
          "import studio.bud.track.Track;",
          "public class Outer {",
          "  private interface Secret {",
          "    @Track",
          "    String ask(String question);",
          "  }",
          "}");

  private static final JavaFileObject LOCAL_INTERFACE =
      source(
          "x.Holder",
          "package x;",
          "import studio.bud.track.Track;",
          "public class Holder {",
          "  void run() {",
          "    interface Local {",
          "      @Track",
          "      String ask(String question);",
          "    }",
          "  }",
          "}");

  private static final JavaFileObject SEALED_INTERFACE =
      source(
          "x.Shape",
          "package x;",
          "import studio.bud.track.Track;",
          "public sealed interface Shape permits Shape.Circle {",
          "  @Track",
          "  double area();",
          "  record Circle(double radius) implements Shape {",
          "    public double area() { return Math.PI * radius * radius; }",
          "  }",
          "}");

  // ---------------------------------------------------------------------------------------------
  // Parameter lists

  private static final JavaFileObject INCLUDE_NOT_A_PARAMETER =
      source(
          "x.Assistant",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Assistant {",
          "  @Track(captureInputInclude = \"prompt\")",
          "  String ask(String question, int maxTokens);",
          "}");

  private static final JavaFileObject IGNORE_NOT_A_PARAMETER =
      source(
          "x.Assistant",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Assistant {",
          "  @Track(ignoreArguments = \"apiKey\")",
          "  String ask(String question, int maxTokens);",
          "}");

  private static final JavaFileObject TYPE_LEVEL_INCLUDE_NOT_A_PARAMETER =
      source(
          "x.Tools",
          "package x;",
          "import studio.bud.track.Track;",
          "@Track(captureInputInclude = \"query\")",
          "public interface Tools {",
          "  String search(String text);",
          "  int count(String text, int limit);",
          "}");

  // ---------------------------------------------------------------------------------------------
  // attributes and name

  private static final JavaFileObject ATTRIBUTE_WITHOUT_EQUALS = attributes("\"provider\"");
  private static final JavaFileObject ATTRIBUTE_EMPTY_KEY = attributes("\"=openai\"");
  private static final JavaFileObject ATTRIBUTE_DUPLICATE_KEY =
      attributes("{\"team=search\", \"team=ads\"}");
  private static final JavaFileObject ATTRIBUTE_RESERVED_KEY = attributes("\"bud.track.type=llm\"");

  private static final JavaFileObject BLANK_NAME =
      source(
          "x.Named",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Named {",
          "  @Track(name = \"  \")",
          "  String ask(String question);",
          "}");

  // ---------------------------------------------------------------------------------------------
  // generationsAggregator

  private static final JavaFileObject ABSTRACT_AGGREGATOR =
      source(
          "x.Generator",
          "package x;",
          "import java.util.Iterator;",
          "import java.util.List;",
          "import studio.bud.track.Track;",
          "public interface Generator {",
          "  @Track(generationsAggregator = Generator.Partial.class)",
          "  Iterator<String> tokens(String prompt);",
          "  abstract class Partial implements Track.Aggregator {",
          "    public Partial() {}",
          "  }",
          "}");

  private static final JavaFileObject AGGREGATOR_WITHOUT_NO_ARG_CONSTRUCTOR =
      source(
          "x.Generator",
          "package x;",
          "import java.util.Iterator;",
          "import java.util.List;",
          "import studio.bud.track.Track;",
          "public interface Generator {",
          "  @Track(generationsAggregator = Generator.Joiner.class)",
          "  Iterator<String> tokens(String prompt);",
          "  final class Joiner implements Track.Aggregator {",
          "    private final String separator;",
          "    public Joiner(String separator) { this.separator = separator; }",
          "    @Override",
          "    public Object aggregate(List<Object> items) {",
          "      return items.stream().map(String::valueOf).reduce((a, b) -> a + separator + b);",
          "    }",
          "  }",
          "}");

  private static final JavaFileObject UNRESOLVED_AGGREGATOR =
      source(
          "x.Generator",
          "package x;",
          "import java.util.Iterator;",
          "import studio.bud.track.Track;",
          "public interface Generator {",
          "  @Track(generationsAggregator = Missing.class)",
          "  Iterator<String> tokens(String prompt);",
          "}");

  // ---------------------------------------------------------------------------------------------
  // Name clash

  private static final JavaFileObject CLASHING_INTERFACE =
      source(
          "x.Foo",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Foo {",
          "  @Track",
          "  String ask(String question);",
          "}");

  private static final JavaFileObject USER_TRACED_FOO =
      source(
          "x.TracedFoo",
          "package x;",
          "/** The user's own class, which happens to have the generated name. */",
          "public class TracedFoo {}");

  // ---------------------------------------------------------------------------------------------
  // captureOutputInclude

  private static final JavaFileObject OUTPUT_INCLUDE =
      source(
          "x.Reports",
          "package x;",
          "import java.util.Map;",
          "import studio.bud.track.Track;",
          "public interface Reports {",
          "  @Track(captureOutputInclude = \"title\")",
          "  String title(String id);",
          "  @Track(captureOutputInclude = {\"pages\"})",
          "  int pages(String id);",
          "  @Track(captureOutputInclude = \"summary\")",
          "  Map<String, Object> report(String id);",
          "  @Track(captureOutputInclude = \"anything\")",
          "  Object raw(String id);",
          "}");

  // ---------------------------------------------------------------------------------------------
  // Several interfaces, several problems

  private static final JavaFileObject GOOD =
      source(
          "x.Good",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Good {",
          "  @Track",
          "  String ask(String question);",
          "}");

  private static final JavaFileObject BAD =
      source(
          "x.Bad",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Bad {",
          "  @Track(name = \" \")",
          "  String ask(String question);",
          "}");

  private static final JavaFileObject TWO_PROBLEMS =
      source(
          "x.Twice",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface Twice {",
          "  @Track(ignoreArguments = \"missing\")",
          "  String first(String question);",
          "  @Track(attributes = \"bud.track.output=x\")",
          "  String second(String question);",
          "}");

  /** Every fixture above that must fail, for {@link #processorNeverCrashesJavac()}. */
  private static final List<JavaFileObject> INVALID =
      List.of(
          ON_CLASS_METHOD,
          ON_ENUM_METHOD,
          ON_RECORD_METHOD,
          ON_ANNOTATION_TYPE_ELEMENT,
          ON_CLASS_TYPE,
          ON_STATIC_METHOD,
          ON_PRIVATE_METHOD,
          PRIVATE_NESTED_INTERFACE,
          SEALED_INTERFACE,
          INCLUDE_NOT_A_PARAMETER,
          IGNORE_NOT_A_PARAMETER,
          TYPE_LEVEL_INCLUDE_NOT_A_PARAMETER,
          ATTRIBUTE_WITHOUT_EQUALS,
          ATTRIBUTE_EMPTY_KEY,
          ATTRIBUTE_DUPLICATE_KEY,
          ATTRIBUTE_RESERVED_KEY,
          BLANK_NAME,
          ABSTRACT_AGGREGATOR,
          AGGREGATOR_WITHOUT_NO_ARG_CONSTRUCTOR,
          UNRESOLVED_AGGREGATOR,
          BAD,
          TWO_PROBLEMS);

  // ---------------------------------------------------------------------------------------------

  @Test
  void placementErrorPointsAtTheAnnotationNotTheMethod() {
    Compilation compilation = compile(ON_CLASS_METHOD);

    // "  @Track" on line 4: the IDE underlines the annotation, the thing to move or remove.
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.NOT_AN_INTERFACE_METHOD, "Service.handle", "a class"))
        .inFile(ON_CLASS_METHOD)
        .onLine(4)
        .atColumn(3);
  }

  @Test
  void trackOnAMethodOfAClassIsAnError() {
    assertErrorOn(
        ON_CLASS_METHOD,
        String.format(Messages.NOT_AN_INTERFACE_METHOD, "Service.handle", "a class"),
        "@Track");
  }

  @Test
  void trackOnAMethodOfAnEnumIsAnError() {
    assertErrorOn(
        ON_ENUM_METHOD,
        String.format(Messages.NOT_AN_INTERFACE_METHOD, "Mode.label", "an enum"),
        "@Track");
  }

  @Test
  void trackOnAMethodOfARecordIsAnError() {
    assertErrorOn(
        ON_RECORD_METHOD,
        String.format(Messages.NOT_AN_INTERFACE_METHOD, "Point.sum", "a record"),
        "@Track");
  }

  @Test
  void trackOnAnAnnotationTypeElementIsAnError() {
    assertErrorOn(
        ON_ANNOTATION_TYPE_ELEMENT,
        String.format(Messages.NOT_AN_INTERFACE_METHOD, "Marker.value", "an annotation type"),
        "@Track");
  }

  @Test
  void trackOnAClassIsAnError() {
    assertErrorOn(
        ON_CLASS_TYPE,
        String.format(Messages.NOT_AN_INTERFACE, "Worker", "a class"),
        "@Track");
  }

  @Test
  void trackOnAStaticInterfaceMethodIsAnError() {
    assertOnlyError(
        ON_STATIC_METHOD,
        String.format(Messages.STATIC_METHOD, "Util.help(String)"),
        "static String help(");
  }

  @Test
  void trackOnAPrivateInterfaceMethodIsAnError() {
    assertOnlyError(
        ON_PRIVATE_METHOD,
        String.format(Messages.PRIVATE_METHOD, "Helper.secret()"),
        "private String secret(");
  }

  @Test
  void aPrivateNestedInterfaceIsAnError() {
    assertOnlyError(
        PRIVATE_NESTED_INTERFACE,
        String.format(Messages.PRIVATE_INTERFACE, "x.Outer.Secret", "TracedOuter_Secret"),
        "private interface Secret");
  }

  /**
   * The processor has {@link Messages#LOCAL_INTERFACE} for this, but javac hides local types from
   * annotation processors: they are entered only during attribution, after processing, and {@code
   * RoundEnvironment.getElementsAnnotatedWith} does not look into method bodies. So the processor
   * never sees this {@code @Track} (it is not even called when that is the only one). This pins
   * what happens instead: nothing, quietly; should javac ever expose local types, this test fails
   * and the expected error can be asserted.
   */
  @Test
  void trackOnALocalInterfaceIsInvisibleToTheProcessor() {
    RecordingTrackProcessor processor = new RecordingTrackProcessor();
    Compilation compilation =
        checkedCompile(Compiler.javac().withProcessors(processor), List.of(LOCAL_INTERFACE));

    assertThat(compilation).succeeded();
    assertThat(messagesWithTag(compilation.diagnostics(), Messages.LOCAL_INTERFACE)).isEmpty();
    assertThat(processor.generated).isEmpty();
  }

  @Test
  void aSealedInterfaceIsAnError() {
    assertOnlyError(
        SEALED_INTERFACE,
        String.format(Messages.SEALED_INTERFACE, "x.Shape", "TracedShape"),
        "sealed interface Shape");
  }

  @Test
  void captureInputIncludeNamingANonParameterListsTheParameters() {
    assertOnlyError(
        INCLUDE_NOT_A_PARAMETER,
        String.format(
            Messages.UNKNOWN_PARAMETER,
            "captureInputInclude",
            "prompt",
            "Assistant.ask(String, int)",
            "question, maxTokens"),
        "captureInputInclude = \"prompt\"");
  }

  @Test
  void ignoreArgumentsNamingANonParameterListsTheParameters() {
    assertOnlyError(
        IGNORE_NOT_A_PARAMETER,
        String.format(
            Messages.UNKNOWN_PARAMETER,
            "ignoreArguments",
            "apiKey",
            "Assistant.ask(String, int)",
            "question, maxTokens"),
        "ignoreArguments = \"apiKey\"");
  }

  @Test
  void typeLevelCaptureInputIncludeNamingNoMethodsParameterIsAnError() {
    assertOnlyError(
        TYPE_LEVEL_INCLUDE_NOT_A_PARAMETER,
        String.format(Messages.UNKNOWN_PARAMETER_ANYWHERE, "captureInputInclude", "query", "Tools"),
        "captureInputInclude = \"query\"");
  }

  @Test
  void attributeWithoutEqualsIsAnError() {
    assertAttributeError(
        ATTRIBUTE_WITHOUT_EQUALS, String.format(Messages.ATTRIBUTE_WITHOUT_EQUALS, "provider"));
  }

  @Test
  void attributeWithAnEmptyKeyIsAnError() {
    assertAttributeError(
        ATTRIBUTE_EMPTY_KEY, String.format(Messages.ATTRIBUTE_EMPTY_KEY, "=openai"));
  }

  @Test
  void attributeKeyGivenTwiceIsAnError() {
    assertAttributeError(
        ATTRIBUTE_DUPLICATE_KEY, String.format(Messages.ATTRIBUTE_DUPLICATE_KEY, "team"));
  }

  @Test
  void attributeKeyUnderTheReservedPrefixIsAnError() {
    assertAttributeError(
        ATTRIBUTE_RESERVED_KEY, String.format(Messages.ATTRIBUTE_RESERVED_KEY, "bud.track.type"));
  }

  @Test
  void blankNameIsAnError() {
    assertOnlyError(BLANK_NAME, Messages.BLANK_NAME, "name = \"  \"");
  }

  @Test
  void abstractAggregatorIsAnError() {
    assertOnlyError(
        ABSTRACT_AGGREGATOR,
        String.format(Messages.AGGREGATOR_ABSTRACT, "x.Generator.Partial"),
        "generationsAggregator = Generator.Partial.class");
  }

  @Test
  void aggregatorWithoutAPublicNoArgumentConstructorIsAnError() {
    assertOnlyError(
        AGGREGATOR_WITHOUT_NO_ARG_CONSTRUCTOR,
        String.format(Messages.AGGREGATOR_NO_CONSTRUCTOR, "x.Generator.Joiner", "x"),
        "generationsAggregator = Generator.Joiner.class");
  }

  @Test
  void unresolvedAggregatorIsLeftToJavac() {
    RecordingTrackProcessor processor = new RecordingTrackProcessor();
    Compilation compilation =
        checkedCompile(Compiler.javac().withProcessors(processor), List.of(UNRESOLVED_AGGREGATOR));

    // javac's own error, not an internal error of the processor (checkedCompile checks that).
    assertThat(compilation)
        .hadErrorContaining("cannot find symbol")
        .inFile(UNRESOLVED_AGGREGATOR)
        .onLineContaining("generationsAggregator = Missing.class");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.generated).isEmpty();
  }

  @Test
  void tracedNameTakenByAnExistingTypeIsAnError() {
    Compilation compilation = compile(CLASHING_INTERFACE, USER_TRACED_FOO);

    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.NAME_CLASH, "x.TracedFoo", "x.Foo"))
        .inFile(CLASHING_INTERFACE)
        .onLineContaining("public interface Foo");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void captureOutputIncludeOnAResultThatIsNeverAMapIsOnlyAWarning() {
    Compilation compilation = compile(OUTPUT_INCLUDE);

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .hadWarningContaining(
            String.format(
                Messages.OUTPUT_INCLUDE_NOT_MAP, "Reports.title(String)", "java.lang.String"))
        .inFile(OUTPUT_INCLUDE)
        .onLineContaining("captureOutputInclude = \"title\"");
    assertThat(compilation)
        .hadWarningContaining(
            String.format(Messages.OUTPUT_INCLUDE_NOT_MAP, "Reports.pages(String)", "int"))
        .inFile(OUTPUT_INCLUDE)
        .onLineContaining("captureOutputInclude = {\"pages\"}");
    // Map and Object results can be maps: no warning for report() or raw().
    assertThat(messagesWithTag(compilation.warnings(), Messages.OUTPUT_INCLUDE_NOT_MAP)).hasSize(2);
    assertThat(compilation).generatedSourceFile("x.TracedReports").isNotNull();
  }

  @Test
  void errorsOnOneInterfaceDoNotStopTheOthers() {
    RecordingTrackProcessor processor = new RecordingTrackProcessor();
    Compilation compilation =
        checkedCompile(Compiler.javac().withProcessors(processor), List.of(BAD, GOOD));

    assertThat(compilation)
        .hadErrorContaining(Messages.BLANK_NAME)
        .inFile(BAD)
        .onLineContaining("@Track(name = \" \")");
    assertThat(compilation).hadErrorCount(1);
    // compile-testing withholds the generated files of a failed compilation (and javac stops
    // before compiling them), so the processor's Filer is watched instead.
    assertThat(processor.generated).containsExactly("x.TracedGood");
  }

  @Test
  void allProblemsOfOneInterfaceAreReportedTogether() {
    Compilation compilation = compile(TWO_PROBLEMS);

    assertThat(compilation)
        .hadErrorContaining(
            String.format(
                Messages.UNKNOWN_PARAMETER,
                "ignoreArguments",
                "missing",
                "Twice.first(String)",
                "question"))
        .inFile(TWO_PROBLEMS)
        .onLineContaining("ignoreArguments = \"missing\"");
    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.ATTRIBUTE_RESERVED_KEY, "bud.track.output"))
        .inFile(TWO_PROBLEMS)
        .onLineContaining("attributes = \"bud.track.output=x\"");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void problemOfATrackInheritedInTheSameCompilationIsReportedOnceWhereItIsWritten() {
    JavaFileObject base =
        source(
            "x.Base",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Base {",
            "  @Track(attributes = \"oops\")",
            "  String ask(String question);",
            "}");
    JavaFileObject sub =
        source(
            "x.Sub", "package x;", "public interface Sub extends Base {", "  String other();", "}");
    RecordingTrackProcessor processor = new RecordingTrackProcessor();

    Compilation compilation =
        checkedCompile(Compiler.javac().withProcessors(processor), List.of(base, sub));

    assertThat(compilation)
        .hadErrorContaining(String.format(Messages.ATTRIBUTE_WITHOUT_EQUALS, "oops"))
        .inFile(base)
        .onLineContaining("@Track(attributes = \"oops\")");
    assertThat(compilation).hadErrorCount(1);
    // The broken settings stop both wrappers, Sub's too, though only Base reports them.
    assertThat(processor.generated).isEmpty();
  }

  @Test
  void problemOfATrackInheritedFromAnotherCompilationIsReportedOnTheSubInterface(
      @TempDir Path classes) throws IOException {
    JavaFileObject base =
        source(
            "x.Base",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Base {",
            "  @Track(attributes = \"oops\")",
            "  String ask(String question);",
            "}");
    // Compiled without the processor, as a library built before this check existed would be.
    Compilation library = checkedCompile(Compiler.javac().withOptions("-proc:none"), List.of(base));
    assertThat(library).succeeded();
    writeClassFiles(library, classes);
    // Sub carries a @Track of its own: javac calls a processor only for a compilation in which
    // one of its annotations appears, and an inherited one from a class file does not count.
    JavaFileObject sub =
        source(
            "x.Sub",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Sub extends Base {",
            "  @Track",
            "  String other();",
            "}");

    RecordingTrackProcessor processor = new RecordingTrackProcessor();

    Compilation compilation =
        checkedCompile(
            Compiler.javac().withProcessors(processor).withClasspath(classPathWith(classes)),
            List.of(sub));

    assertThat(compilation)
        .hadErrorContaining(
            String.format(Messages.INHERITED_PREFIX, "Base.ask(String)")
                + String.format(Messages.ATTRIBUTE_WITHOUT_EQUALS, "oops"))
        .inFile(sub)
        .onLineContaining("public interface Sub");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.generated).isEmpty();
  }

  @Test
  void processorNeverCrashesJavac() {
    // compile() itself fails on a crash; this also shows every invalid input is an error.
    for (JavaFileObject invalid : INVALID) {
      assertThat(compile(invalid)).failed();
    }
    assertThat(compile(CLASHING_INTERFACE, USER_TRACED_FOO)).failed();
  }

  @Test
  void validInterfaceCompilesWithoutAnyWarning() {
    JavaFileObject valid =
        source(
            "x.Valid",
            "package x;",
            "import java.io.IOException;",
            "import java.util.List;",
            "import java.util.Map;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.stream.Stream;",
            "import studio.bud.track.Track;",
            "public interface Valid<T extends Comparable<T>> {",
            "  @Track(type = \"llm\", attributes = \"team=search\", ignoreArguments = \"secret\")",
            "  String ask(String question, String secret) throws IOException;",
            "  @Track(captureOutputInclude = \"answer\")",
            "  Map<String, T> answer(List<? extends T> values, int... weights);",
            "  @Track",
            "  CompletableFuture<T> later(T value);",
            "  @Track",
            "  Stream<String> tokens();",
            "  default <S extends T> S pick(S first, S second) {",
            "    return first.compareTo(second) >= 0 ? first : second;",
            "  }",
            "}");

    // -processing: that lint category reports @Track (which the processor deliberately never
    // claims) and the generated @Generated as "not claimed by any processor", which says nothing
    // about the code; the project's own build turns it off the same way.
    Compilation strict =
        checkedCompile(
            Compiler.javac()
                .withProcessors(new TrackProcessor())
                .withOptions("-Xlint:all,-processing", "-Werror"),
            List.of(valid));
    assertThat(strict).succeededWithoutWarnings();
    assertThat(strict).generatedSourceFile("x.TracedValid").isNotNull();

    // With every lint category on, those "not claimed" notices are the only warnings.
    Compilation allLint =
        checkedCompile(
            Compiler.javac().withProcessors(new TrackProcessor()).withOptions("-Xlint:all"),
            List.of(valid));
    assertThat(allLint).succeeded();
    for (Diagnostic<? extends JavaFileObject> warning : allLint.warnings()) {
      assertThat(warning.getMessage(Locale.ROOT))
          .startsWith("No processor claimed any of these annotations");
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static JavaFileObject source(String qualifiedName, String... lines) {
    return JavaFileObjects.forSourceLines(qualifiedName, lines);
  }

  /** An interface whose one method carries {@code attributes = <value>} on a line of its own. */
  private static JavaFileObject attributes(String value) {
    return source(
        "x.Tagged",
        "package x;",
        "import studio.bud.track.Track;",
        "public interface Tagged {",
        "  @Track(attributes = " + value + ")",
        "  String ask(String question);",
        "}");
  }

  private static void assertAttributeError(JavaFileObject source, String message) {
    assertOnlyError(source, message, "@Track(attributes = ");
  }

  /**
   * {@code source} fails with exactly one error, {@code message}, on the line containing {@code
   * line}.
   */
  private static void assertOnlyError(JavaFileObject source, String message, String line) {
    assertThat(assertErrorOn(source, message, line)).hadErrorCount(1);
  }

  /** {@code source} fails with {@code message} on the line containing {@code line}. */
  private static Compilation assertErrorOn(JavaFileObject source, String message, String line) {
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining(message).inFile(source).onLineContaining(line);
    return compilation;
  }

  private static Compilation compile(JavaFileObject... sources) {
    return checkedCompile(Compiler.javac().withProcessors(new TrackProcessor()), List.of(sources));
  }

  /** Compiles, and fails the test if the processor crashed or reported an internal error. */
  private static Compilation checkedCompile(Compiler compiler, List<JavaFileObject> sources) {
    Compilation compilation;
    try {
      compilation = compiler.compile(sources);
    } catch (RuntimeException e) {
      throw new AssertionError("javac crashed", e);
    }
    for (Diagnostic<? extends JavaFileObject> diagnostic : compilation.diagnostics()) {
      assertThat(diagnostic.getMessage(Locale.ROOT))
          .doesNotContain("An annotation processor threw an uncaught exception");
    }
    assertThat(messagesWithTag(compilation.diagnostics(), Messages.UNEXPECTED)).isEmpty();
    return compilation;
  }

  /** The messages of {@code diagnostics} that carry the {@code [Tag]} of {@code message}. */
  private static List<String> messagesWithTag(
      List<Diagnostic<? extends JavaFileObject>> diagnostics, String message) {
    String tag = message.substring(0, message.indexOf(']') + 1);
    List<String> tagged = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics) {
      String text = diagnostic.getMessage(Locale.ROOT);
      if (text.contains(tag)) {
        tagged.add(text);
      }
    }
    return tagged;
  }

  /** Writes the class files of {@code compilation} under {@code directory}, by package. */
  private static void writeClassFiles(Compilation compilation, Path directory) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      if (file.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      // In-memory names look like /CLASS_OUTPUT/x/Base.class.
      String path = file.toUri().getPath();
      Path target = directory.resolve(path.substring(path.indexOf('/', 1) + 1));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.copy(in, target);
      }
    }
  }

  /** This JVM's class path (track-annotations and the rest) plus {@code directory}. */
  private static List<File> classPathWith(Path directory) {
    List<File> classPath = new ArrayList<>();
    classPath.add(directory.toFile());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      classPath.add(new File(entry));
    }
    return classPath;
  }

  /**
   * The real {@link TrackProcessor}, with its {@link Filer} watched: records the name of every
   * source file it creates, even in a compilation that fails.
   */
  private static final class RecordingTrackProcessor extends AbstractProcessor {
    final List<String> generated = new ArrayList<>();
    private final TrackProcessor delegate = new TrackProcessor();

    @Override
    public synchronized void init(ProcessingEnvironment environment) {
      super.init(environment);
      Filer filer = environment.getFiler();
      Filer recording =
          proxy(
              Filer.class,
              (method, arguments) -> {
                Object result = method.invoke(filer, arguments);
                if (method.getName().equals("createSourceFile")) {
                  generated.add(arguments[0].toString());
                }
                return result;
              });
      delegate.init(
          proxy(
              ProcessingEnvironment.class,
              (method, arguments) ->
                  method.getName().equals("getFiler")
                      ? recording
                      : method.invoke(environment, arguments)));
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    private interface Call {
      Object invoke(Method method, Object[] arguments) throws ReflectiveOperationException;
    }

    private static <T> T proxy(Class<T> type, Call call) {
      InvocationHandler handler =
          (proxy, method, arguments) -> {
            try {
              return call.invoke(method, arguments);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      return type.cast(
          Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
  }
}
