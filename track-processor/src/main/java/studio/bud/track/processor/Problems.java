package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * The diagnostics found while reading one interface. All of them are reported together; any
 * error means that interface gets no generated class.
 */
final class Problems {

  private final List<Problem> problems = new ArrayList<>();
  /** Where errors go instead when this one is {@link #silent()}. */
  private final Problems blocks;
  private boolean blocked;

  Problems() {
    this.blocks = null;
  }

  private Problems(Problems blocks) {
    this.blocks = blocks;
  }

  /**
   * Problems that are reported elsewhere (on the interface that owns the annotation) and only
   * stop this one's generation: any error here blocks {@code this}, and nothing is reported.
   */
  Problems silent() {
    return new Problems(this);
  }

  void error(String message, Element element) {
    if (blocks != null) {
      blocks.blocked = true;
      return;
    }
    problems.add(new Problem(Diagnostic.Kind.ERROR, message, element, null, null));
  }

  void error(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
    if (blocks != null) {
      blocks.blocked = true;
      return;
    }
    problems.add(new Problem(Diagnostic.Kind.ERROR, message, element, mirror, value));
  }

  /** Stops generation without a diagnostic of ours, for a cause javac reports itself. */
  void block() {
    if (blocks != null) {
      blocks.blocked = true;
    } else {
      blocked = true;
    }
  }

  void warning(String message, Element element, AnnotationMirror mirror, AnnotationValue value) {
    if (blocks != null) {
      return;
    }
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
