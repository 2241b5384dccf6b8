package studio.bud.track.processor.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * A second annotation processor for {@link ProcessorCorpusTest}, standing in for Immutables,
 * MapStruct or AutoValue: for every class annotated {@code @corpus.Make}, it generates, in that
 * class's package and in the first round, the types a tracked interface there uses in its
 * signatures: a value class {@code Person}, a generic {@code Box<T>}, an enum {@code Kind}, and
 * {@code PersonFuture}, a {@code CompletableFuture<Person>}. In that round javac shows them to
 * every processor as error types.
 */
final class TypeMaker extends AbstractProcessor {

  static final String ANNOTATION = "corpus.Make";

  /** The annotation's source, added to every compilation of the corpus. */
  static final String[] ANNOTATION_SOURCE = {
    ANNOTATION,
    "package corpus;\n"
        + "@java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.SOURCE)\n"
        + "@java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)\n"
        + "public @interface Make {}\n"
  };

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement make = elements.getTypeElement(ANNOTATION);
    if (make == null) {
      return false;
    }
    for (Element seed : round.getElementsAnnotatedWith(make)) {
      String pkg = elements.getPackageOf(seed).getQualifiedName().toString();
      write(seed, pkg, "Person", "public final class Person {\n"
          + "  public final String name;\n"
          + "  public Person(String name) { this.name = name; }\n"
          + "}\n");
      write(seed, pkg, "Box", "public final class Box<T> {\n"
          + "  public final T value;\n"
          + "  public Box(T value) { this.value = value; }\n"
          + "}\n");
      write(seed, pkg, "Kind", "public enum Kind { ONE, TWO }\n");
      write(seed, pkg, "PersonFuture",
          "public final class PersonFuture extends java.util.concurrent.CompletableFuture<Person> {}\n");
    }
    return false;
  }

  private void write(Element seed, String pkg, String name, String body) {
    try (Writer out = processingEnv.getFiler().createSourceFile(pkg + "." + name, seed).openWriter()) {
      out.write("package " + pkg + ";\n\n" + body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
