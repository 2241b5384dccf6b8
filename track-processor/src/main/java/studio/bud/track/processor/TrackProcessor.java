package studio.bud.track.processor;

import com.google.auto.service.AutoService;
import com.squareup.javapoet.JavaFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates a {@code Traced<Interface>} wrapper for every interface that carries {@code @Track}
 * or declares or inherits a {@code @Track} method.
 *
 * <p>This class only walks elements, round by round: {@link TrackedInterfaces} finds the
 * interfaces, {@link TracedInterfaceReader} validates each into a model and {@link
 * TracedClassWriter} writes it. A failure on one element (a user error or a bug of ours) is
 * reported on that element and the others are still generated. The annotation is never claimed,
 * so other processors see it too.
 */
@AutoService(Processor.class)
public final class TrackProcessor extends AbstractProcessor {

  /** Interfaces already handled in an earlier round, by qualified name. */
  private final Set<String> done = new HashSet<>();
  /** Interfaces whose signatures use types not resolved yet, by qualified name: read next round. */
  private final Set<String> deferred = new LinkedHashSet<>();
  /** Types compiled from source in this compilation, by qualified name. */
  private final Set<String> sourceTypes = new HashSet<>();

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(TrackSettings.ANNOTATION, ArgumentAttributes.ANNOTATION);
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
            this::isSource);
    TrackedInterfaces discovery = new TrackedInterfaces(sourceTypes);
    Set<TypeElement> interfaces = new LinkedHashSet<>(takeDeferred());
    for (Element root : round.getRootElements()) {
      guarded(root, () -> discovery.collect(root, interfaces));
    }
    Set<Element> annotated = annotationTargets(annotations, round, TrackSettings.ANNOTATION);
    for (Element element : annotationTargets(annotations, round, ArgumentAttributes.ANNOTATION)) {
      guarded(
          element,
          () -> reader.checkArgumentAttributePlacement(element).reportTo(processingEnv.getMessager()));
    }
    for (Element element : annotated) {
      guarded(element, () -> discovery.collectLocal(element, interfaces));
    }
    for (Element element : annotated) {
      guarded(element, () -> reader.checkPlacement(element).reportTo(processingEnv.getMessager()));
    }
    for (TypeElement iface : interfaces) {
      if (!done.contains(iface.getQualifiedName().toString())) {
        guarded(iface, () -> generateOrDefer(iface, reader, round.processingOver()));
      }
    }
    return false;
  }

  /** The interfaces deferred by the last round, as elements of this one. */
  private Set<TypeElement> takeDeferred() {
    Set<TypeElement> interfaces = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement iface = processingEnv.getElementUtils().getTypeElement(name);
      if (iface != null) {
        interfaces.add(iface);
      }
    }
    deferred.clear();
    return interfaces;
  }

  /** The elements of this round annotated with {@code annotationName}, one of {@code annotations}. */
  private static Set<Element> annotationTargets(
      Set<? extends TypeElement> annotations, RoundEnvironment round, String annotationName) {
    Set<Element> targets = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      if (annotation.getQualifiedName().contentEquals(annotationName)) {
        targets.addAll(round.getElementsAnnotatedWith(annotation));
      }
    }
    return targets;
  }

  /**
   * Generates {@code iface}'s wrapper, or, while a type in its signatures is not resolved (another
   * processor may generate it this round), leaves it for the next round; in the last round, that
   * type is an error.
   */
  private void generateOrDefer(TypeElement iface, TracedInterfaceReader reader, boolean lastRound) {
    String name = iface.getQualifiedName().toString();
    TypeMirror unresolved = reader.unresolvedType(iface);
    if (unresolved != null && !lastRound) {
      deferred.add(name);
      return;
    }
    done.add(name);
    // An aggregator class is left to the reader, which stops generation: javac reports it.
    unresolved = unresolved == null ? null : reader.unresolvedSignatureType(iface);
    if (unresolved != null) {
      error(
          String.format(
              Messages.UNRESOLVED_TYPE, name, unresolved, Names.tracedName(iface).simpleName()),
          iface);
      return;
    }
    generate(iface, reader);
  }

  private void generate(TypeElement iface, TracedInterfaceReader reader) {
    Problems problems = new Problems(iface, this::isSource);
    TracedInterface model = reader.read(iface, problems);
    problems.reportTo(processingEnv.getMessager());
    if (model == null) {
      return;
    }
    try {
      writeSource(new TracedClassWriter().write(model));
    } catch (IOException e) {
      error(String.format(Messages.UNEXPECTED, iface.getQualifiedName(), e), iface);
    }
  }

  /**
   * What {@link JavaFile#writeTo(javax.annotation.processing.Filer)} does, with the text rendered
   * first and written in one call: JavaPoet writes a file piece by piece, and each piece through
   * the Filer's encoding writer costs more than the same piece into a {@code StringBuilder}.
   */
  private void writeSource(JavaFile file) throws IOException {
    String text = file.toString();
    JavaFileObject source =
        processingEnv
            .getFiler()
            .createSourceFile(
                file.packageName.isEmpty() ? file.typeSpec.name : file.packageName + "." + file.typeSpec.name,
                file.typeSpec.originatingElements.toArray(new Element[0]));
    try (Writer writer = source.openWriter()) {
      writer.write(text);
    } catch (IOException | RuntimeException e) {
      source.delete(); // as JavaPoet does: no half-written file for javac to parse
      throw e;
    }
  }

  /** Runs {@code step}; a bug of ours in it is reported on {@code element}, with the stack trace. */
  private void guarded(Element element, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      error(String.format(Messages.UNEXPECTED, describe(element), trace), element);
    }
  }

  private static String describe(Element element) {
    return element instanceof TypeElement
        ? ((TypeElement) element).getQualifiedName().toString()
        : Names.ownerType(element).getQualifiedName() + "." + element.getSimpleName();
  }

  private boolean isSource(TypeElement type) {
    return sourceTypes.contains(type.getQualifiedName().toString());
  }

  private void error(String message, Element element) {
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
