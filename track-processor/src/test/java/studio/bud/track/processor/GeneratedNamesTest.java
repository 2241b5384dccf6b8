package studio.bud.track.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Names the generated code uses, against interfaces that take them: member types that shadow its
 * imports (even {@code java.lang.Throwable}) or its own class name, parameters spelled like what
 * its bodies refer to, a method with the factory's signature, and warnings the interface silenced.
 * The hostile corpus ({@code hostile.ProcessorCorpusTest}) tries these in combination; here each
 * one is pinned with the exact code or diagnostic it gets.
 */
final class GeneratedNamesTest {

  private static Compilation compile(JavaFileObject source) {
    return Compiler.javac()
        .withProcessors(new TrackProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror")
        .compile(source);
  }

  private static String generated(Compilation compilation, String name) throws IOException {
    return compilation.generatedSourceFile(name).orElseThrow().getCharContent(true).toString();
  }

  @Test
  void memberTypesOfTheInterfaceDoNotCaptureTheGeneratedCodesNames() throws IOException {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "x.Shadowing",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Shadowing {",
            "  final class Throwable extends RuntimeException {",
            "    private static final long serialVersionUID = 1L;",
            "  }",
            "  interface Span {}",
            "  interface Scope {}",
            "  interface Tracking {}",
            "  interface Objects {}",
            "  interface TracedShadowing {}",
            "  @Track String ask(String question);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String code = generated(compilation, "x.TracedShadowing");
    // Unqualified, the catch would only catch Shadowing.Throwable: any other exception would
    // leave the span open and its scope current.
    assertThat(code).contains("catch (java.lang.Throwable t)");
    assertThat(code).contains("io.opentelemetry.api.trace.Span span =");
    assertThat(code).contains("if (!studio.bud.track.runtime.Tracking.isConfigured())");
    assertThat(code).contains("return new x.TracedShadowing(java.util.Objects.requireNonNull(");
  }

  @Test
  void parametersSpelledLikeWhatTheBodyNamesAreRenamedInTheOverride() throws IOException {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "x.Clashing",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Clashing {",
            "  @Track String ask(int Tracking, long studio, String ASK, String span, String t);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
    String code = generated(compilation, "x.TracedClashing");
    assertThat(code)
        .contains("public String ask(int Tracking_, long studio_, String ASK_, String span, String t)");
    assertThat(code).contains("this.delegate.ask(Tracking_, studio_, ASK_, span, t)");
    // The attribute keys keep the interface's parameter names.
    assertThat(code).contains(".inputs(\"Tracking\", \"studio\", \"ASK\", \"span\", \"t\")");
    assertThat(code).contains("ASK.input(span_, 2, ASK_);");
  }

  @Test
  void aMethodWithTheFactorysSignatureIsReportedOnItsLine() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "x.Wrapper",
            "package x;",
            "import studio.bud.track.Track;",
            "public interface Wrapper<T> {",
            "  @Track String ask(String question);",
            "  Wrapper<T> wrap(Wrapper<T> other);",
            "}");

    Compilation compilation =
        Compiler.javac().withProcessors(new TrackProcessor()).compile(source);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            String.format(Messages.WRAP_CLASH, "Wrapper.wrap(Wrapper<T>)", "TracedWrapper", "Wrapper"))
        .inFile(source)
        .onLineContaining("Wrapper<T> wrap(Wrapper<T> other);");
    assertThat(compilation).hadErrorCount(1); // only the clash: no wrapper was generated
  }

  @Test
  void warningsTheInterfaceSilencedStaySilentInTheWrapper() {
    JavaFileObject source =
        JavaFileObjects.forSourceLines(
            "x.Legacy",
            "package x;",
            "import studio.bud.track.Track;",
            "@Deprecated",
            "@SuppressWarnings({\"rawtypes\", \"unchecked\"})",
            "public interface Legacy<T> {",
            "  @Track java.util.List raw(java.util.Map map);",
            "  @Track <E> E pick(E... options);",
            "  @Deprecated @Track String old(String question);",
            "  @Track boolean equals(Object other);",
            "}");

    Compilation compilation = compile(source);

    assertThat(compilation).succeededWithoutWarnings();
  }
}
