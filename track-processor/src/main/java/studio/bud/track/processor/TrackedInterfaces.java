package studio.bud.track.processor;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/** Finds the interfaces of a round that get a wrapper, and records which types are source. */
final class TrackedInterfaces {

  private final Set<String> sourceTypes;

  /** {@code sourceTypes} receives the qualified name of every type met in a root element. */
  TrackedInterfaces(Set<String> sourceTypes) {
    this.sourceTypes = sourceTypes;
  }

  /** Adds the tracked interfaces among {@code element} and its nested types to {@code into}. */
  void collect(Element element, Set<TypeElement> into) {
    if (!(element instanceof TypeElement)) {
      return;
    }
    TypeElement type = (TypeElement) element;
    sourceTypes.add(type.getQualifiedName().toString());
    if (type.getKind() == ElementKind.INTERFACE && isTracked(type, new HashSet<>())) {
      into.add(type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collect(nested, into);
    }
  }

  /**
   * Adds the local interface that {@code annotated} is or belongs to, which no root element
   * contains, so that the reader reports it. (javac 17 to 25 never hands local types to
   * processors, as the diagnostics tests pin, but a compiler that does still gets the diagnostic.)
   */
  void collectLocal(Element annotated, Set<TypeElement> into) {
    Element type = annotated instanceof TypeElement ? annotated : annotated.getEnclosingElement();
    if (type.getKind() == ElementKind.INTERFACE
        && ((TypeElement) type).getNestingKind() == NestingKind.LOCAL) {
      into.add((TypeElement) type);
    }
  }

  /** Whether {@code type} carries {@code @Track} or declares or inherits a method that does. */
  private static boolean isTracked(TypeElement type, Set<TypeElement> visited) {
    if (!visited.add(type)) {
      return false;
    }
    if (TrackSettings.find(type) != null) {
      return true;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (TrackSettings.find(method) != null) {
        return true;
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      if (isTracked((TypeElement) ((DeclaredType) parent).asElement(), visited)) {
        return true;
      }
    }
    return false;
  }
}
