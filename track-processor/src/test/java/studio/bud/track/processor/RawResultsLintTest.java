package studio.bud.track.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * An interface that compiles warning-free under {@code -Xlint:all -Werror} still does once it is
 * traced: raw result types included, which the runtime's generic methods would otherwise take
 * through an unchecked conversion.
 */
final class RawResultsLintTest {

  @Test
  void rawStreamedAndAsyncResultsCompileWithoutWarnings() {
    JavaFileObject raw =
        JavaFileObjects.forSourceLines(
            "x.Raw",
            "package x;",
            "import java.util.Iterator;",
            "import java.util.concurrent.CompletableFuture;",
            "import java.util.concurrent.CompletionStage;",
            "import java.util.concurrent.Flow;",
            "import java.util.stream.Stream;",
            "import studio.bud.track.Track;",
            "@SuppressWarnings(\"rawtypes\")",
            "@Track",
            "public interface Raw {",
            "  Iterator iterator();",
            "  Stream stream();",
            "  Flow.Publisher publisher();",
            "  CompletableFuture future();",
            "  CompletionStage stage();",
            "  Iterator<String> typed();",
            "}");

    Compilation compilation = lintClean().compile(raw);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation)
        .generatedSourceFile("x.TracedRaw")
        .contentsAsUtf8String()
        .contains("return ITERATOR.returnedIterator(span, scope, (Iterator<?>) result);");
  }

  @Test
  void rawResultsOfAnInterfaceCompiledWithoutTrackAreWarningFreeToo() {
    // The baseline: the same interface, untraced, passes -Xlint:all -Werror.
    JavaFileObject untraced =
        JavaFileObjects.forSourceLines(
            "x.Untraced",
            "package x;",
            "import java.util.Iterator;",
            "@SuppressWarnings(\"rawtypes\")",
            "public interface Untraced {",
            "  Iterator iterator();",
            "}");

    assertThat(lintClean().compile(untraced)).succeededWithoutWarnings();
  }

  /**
   * Every lint but {@code processing}, which javac raises in any build whose annotations no
   * processor claims, traced or not; the project's own build leaves it out for the same reason.
   */
  private static Compiler lintClean() {
    return Compiler.javac()
        .withProcessors(new TrackProcessor())
        .withOptions("-Xlint:all,-processing", "-Werror");
  }
}
