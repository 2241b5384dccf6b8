package studio.bud.track.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Types that another processor generates in the same build: javac shows them as error types
 * until that processor has run, so the interfaces using them are read in a later round.
 */
final class DeferredRoundsTest {

  private static final JavaFileObject PEOPLE =
      JavaFileObjects.forSourceLines(
          "x.People",
          "package x;",
          "import studio.bud.track.Track;",
          "public interface People {",
          "  @Track",
          "  Person find(String id);",
          "  @Track",
          "  void save(Person person);",
          "}");

  @Test
  void resultTypeGeneratedByAnotherProcessorGivesAPlainTracedMethod() {
    // TrackProcessor runs first in each round, so it meets Person before it exists.
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new TrackProcessor(),
                new GeneratingProcessor(Map.of("x.Person", "package x; public final class Person {}")))
            .compile(PEOPLE);

    assertThat(compilation).succeededWithoutWarnings();
    String wrapper = source(compilation, "x.TracedPeople");
    assertThat(wrapper).contains("public Person find(String id)");
    // A plain value (of a class outside java.*, so one a result adapter may follow), not async.
    assertThat(wrapper).contains("return FIND.returnedValue(span, scope, result);");
    assertThat(wrapper).doesNotContain("returnedAsync");
  }

  @Test
  void interfaceExtendingAGeneratedInterfaceGetsItsInheritedMethods() {
    JavaFileObject directory =
        JavaFileObjects.forSourceLines(
            "x.Directory",
            "package x;",
            "import studio.bud.track.Track;",
            "@Track",
            "public interface Directory extends Lookup {",
            "  int size();",
            "}");
    Compilation compilation =
        Compiler.javac()
            .withProcessors(
                new TrackProcessor(),
                new GeneratingProcessor(
                    Map.of("x.Lookup", "package x; public interface Lookup { String lookup(String key); }")))
            .compile(directory);

    assertThat(compilation).succeededWithoutWarnings();
    String wrapper = source(compilation, "x.TracedDirectory");
    assertThat(wrapper).contains("LOOKUP.returned(span, scope, result);");
    assertThat(wrapper).contains("SIZE.returned(span, scope, result);");
  }

  @Test
  void typeThatNoRoundResolvesIsAnErrorOnTheInterface() {
    Compilation compilation = Compiler.javac().withProcessors(new TrackProcessor()).compile(PEOPLE);

    assertThat(compilation).failed();
    assertThat(compilation)
        .hadErrorContaining(
            String.format(Messages.UNRESOLVED_TYPE, "x.People", "Person", "TracedPeople"))
        .inFile(PEOPLE)
        .onLineContaining("public interface People");
    // javac's own errors, one per use, and ours once: no wrapper that would fail to compile.
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation).hadErrorCount(3);
  }

  private static String source(Compilation compilation, String name) {
    try {
      return compilation.generatedSourceFile(name).orElseThrow().getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Stands for Immutables, MapStruct and the like: generates the given sources in its first
   * round, whatever it is given.
   */
  private static final class GeneratingProcessor extends AbstractProcessor {
    private final Map<String, String> sources;
    private boolean generated;

    GeneratingProcessor(Map<String, String> sources) {
      this.sources = sources;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (generated) {
        return false;
      }
      generated = true;
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
}
