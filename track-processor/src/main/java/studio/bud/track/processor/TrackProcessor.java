package studio.bud.track.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates a {@code Traced<Interface>} wrapper for every interface that carries {@code @Track}
 * or declares or inherits a {@code @Track} method.
 *
 * <p>This class only walks elements: {@link TracedInterfaceReader} validates an interface into a
 * model and {@link TracedClassWriter} writes it. A failure on one interface (a user error or a bug
 * of ours) is reported on that interface and the others are still generated. The annotation is
 * never claimed, so other processors see it too.
 */
@AutoService(Processor.class)
public final class TrackProcessor extends AbstractProcessor {

  /** Interfaces already handled in an earlier round, by qualified name. */
  private final Set<String> done = new HashSet<>();
  /** Types compiled from source in this compilation, by qualified name. */
  private final Set<String> sourceTypes = new HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(TrackSettings.ANNOTATION);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TracedInterfaceReader reader =
        new TracedInterfaceReader(
            processingEnv.getElementUtils(),
            processingEnv.getTypeUtils(),
            type -> sourceTypes.contains(type.getQualifiedName().toString()));
    Set<TypeElement> interfaces = new LinkedHashSet<>();
    for (Element root : round.getRootElements()) {
      collectTypes(root, interfaces, reader);
    }
    for (Element annotated : annotationTargets(annotations, round)) {
      checkPlacement(annotated, interfaces);
    }
    for (TypeElement iface : interfaces) {
      if (done.add(iface.getQualifiedName().toString())) {
        generate(iface, reader);
      }
    }
    return false;
  }

  private static Set<Element> annotationTargets(
      Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<Element> targets = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      targets.addAll(round.getElementsAnnotatedWith(annotation));
    }
    return targets;
  }

  /** Records source types and picks the tracked interfaces among them, nested ones included. */
  private void collectTypes(Element element, Set<TypeElement> interfaces, TracedInterfaceReader reader) {
    if (!(element instanceof TypeElement)) {
      return;
    }
    TypeElement type = (TypeElement) element;
    sourceTypes.add(type.getQualifiedName().toString());
    if (type.getKind() == ElementKind.INTERFACE && reader.isTracked(type)) {
      interfaces.add(type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectTypes(nested, interfaces, reader);
    }
  }

  /**
   * {@code @Track} outside an interface: on a type that is not one, or on a method of a class,
   * enum, record or annotation type. Interfaces check their own methods when read.
   */
  private void checkPlacement(Element annotated, Set<TypeElement> interfaces) {
    // The LOCAL branches: javac 17 to 25 never hands local types to processors (the diagnostics
    // tests pin that), but a compiler that does still gets the reader's diagnostic.
    if (annotated instanceof TypeElement) {
      if (annotated.getKind() != ElementKind.INTERFACE) {
        error(
            String.format(Messages.NOT_AN_INTERFACE, annotated.getSimpleName(), describeKind(annotated)),
            annotated);
      } else if (((TypeElement) annotated).getNestingKind() == NestingKind.LOCAL) {
        interfaces.add((TypeElement) annotated); // reported by the reader
      }
      return;
    }
    Element owner = annotated.getEnclosingElement();
    if (owner.getKind() != ElementKind.INTERFACE) {
      error(
          String.format(
              Messages.NOT_AN_INTERFACE_METHOD,
              owner.getSimpleName() + "." + annotated.getSimpleName(),
              describeKind(owner)),
          annotated);
    } else if (((TypeElement) owner).getNestingKind() == NestingKind.LOCAL) {
      interfaces.add((TypeElement) owner); // reported by the reader
    }
  }

  private void generate(TypeElement iface, TracedInterfaceReader reader) {
    try {
      Problems problems = new Problems();
      TracedInterface model = reader.read(iface, problems);
      problems.reportTo(processingEnv.getMessager());
      if (model != null) {
        new TracedClassWriter(processingEnv.getTypeUtils())
            .write(model)
            .writeTo(processingEnv.getFiler());
      }
    } catch (IOException e) {
      error(String.format(Messages.UNEXPECTED, iface.getQualifiedName(), e), iface);
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      error(String.format(Messages.UNEXPECTED, iface.getQualifiedName(), trace), iface);
    }
  }

  private void error(String message, Element element) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  private static String describeKind(Element element) {
    switch (element.getKind()) {
      case CLASS:
        return "a class";
      case ENUM:
        return "an enum";
      case ANNOTATION_TYPE:
        return "an annotation type";
      case INTERFACE:
        return "an interface";
      case RECORD:
        return "a record";
      default:
        return "a " + element.getKind().toString().toLowerCase(Locale.ROOT);
    }
  }
}
