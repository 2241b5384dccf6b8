package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * The diagnostics found while reading one interface (its subject). All of them are reported
 * together; any error means that interface gets no generated class.
 *
 * <p>It also decides where a problem of a {@code @Track} annotation goes ({@link
 * #error(TrackSettings, String, String)}), so that the checks only say what is wrong.
 */
final class Problems {

  private final TypeElement subject;
  /** Whether a type was compiled from source in this compilation, so it reports its own problems. */
  private final Predicate<TypeElement> isSource;
  private final List<Problem> problems = new ArrayList<>();
  private boolean blocked;

  Problems(TypeElement subject, Predicate<TypeElement> isSource) {
    this.subject = subject;
    this.isSource = isSource;
  }

  void error(String message, Element element) {
    problems.add(new Problem(Diagnostic.Kind.ERROR, message, element, null, null));
  }

  void error(String message, Element element, AnnotationMirror mirror) {
    problems.add(new Problem(Diagnostic.Kind.ERROR, message, element, mirror, null));
  }

  /**
   * Reports {@code message} about the {@code valueName} value of {@code settings}:
   *
   * <ul>
   *   <li>on the annotation and that value, when it sits on the subject itself;
   *   <li>nowhere, when it sits on another interface of this compilation: that interface reports
   *       it, and here it only stops generation;
   *   <li>on the subject, prefixed with where the annotation is ({@code [Base.ask(String)] ...}),
   *       when it comes from a class file, which no diagnostic can point into.
   * </ul>
   */
  void error(TrackSettings settings, String valueName, String message) {
    error(settings.annotated, settings.mirror, settings.value(valueName), message);
  }

  /**
   * Reports {@code message} about {@code value} of the annotation {@code mirror} on {@code
   * annotated}, routed as {@link #error(TrackSettings, String, String)} describes; for a
   * parameter, the method it belongs to says where it is.
   */
  void error(Element annotated, AnnotationMirror mirror, AnnotationValue value, String message) {
    TypeElement owner = Names.ownerType(annotated);
    if (owner.equals(subject)) {
      problems.add(new Problem(Diagnostic.Kind.ERROR, message, annotated, mirror, value));
    } else if (isSource.test(owner)) {
      blocked = true;
    } else {
      Element member =
          annotated instanceof ExecutableElement ? annotated : annotated.getEnclosingElement();
      String where = member instanceof ExecutableElement
          ? Names.describe((ExecutableElement) member)
          : owner.getQualifiedName().toString();
      error(String.format(Messages.INHERITED_PREFIX, where) + message, subject);
    }
  }

  /** Stops generation without a diagnostic of ours, for a cause javac reports itself. */
  void block() {
    blocked = true;
  }

  void warning(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
    problems.add(new Problem(Diagnostic.Kind.WARNING, message, element, mirror, value));
  }

  boolean hasErrors() {
    if (blocked) {
      return true;
    }
    for (Problem problem : problems) {
      if (problem.kind == Diagnostic.Kind.ERROR) {
        return true;
      }
    }
    return false;
  }

  void reportTo(Messager messager) {
    for (Problem problem : problems) {
      if (problem.mirror == null) {
        messager.printMessage(problem.kind, problem.message, problem.element);
      } else if (problem.value == null) {
        messager.printMessage(problem.kind, problem.message, problem.element, problem.mirror);
      } else {
        messager.printMessage(
            problem.kind, problem.message, problem.element, problem.mirror, problem.value);
      }
    }
  }

  private static final class Problem {
    final Diagnostic.Kind kind;
    final String message;
    final Element element;
    final AnnotationMirror mirror;
    final AnnotationValue value;

    Problem(
        Diagnostic.Kind kind,
        String message,
        Element element,
        AnnotationMirror mirror,
        AnnotationValue value) {
      this.kind = kind;
      this.message = message;
      this.element = element;
      this.mirror = mirror;
      this.value = value;
    }
  }
}
