package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Classifies result types: how a result is followed ({@link ReturnKind}), whether it can be a map. */
final class ResultTypes {

  private final Types types;
  private final TypeMirror completionStage;
  private final TypeMirror iterator;
  private final TypeMirror stream;
  private final TypeMirror publisher;
  private final TypeMirror map;

  ResultTypes(Elements elements, Types types) {
    this.types = types;
    this.completionStage = erasure(elements, "java.util.concurrent.CompletionStage");
    this.iterator = erasure(elements, "java.util.Iterator");
    this.stream = erasure(elements, "java.util.stream.Stream");
    this.publisher = erasure(elements, "java.util.concurrent.Flow.Publisher");
    this.map = erasure(elements, "java.util.Map");
  }

  ReturnKind kindOf(TypeMirror result) {
    if (result.getKind() == TypeKind.VOID) {
      return ReturnKind.VOID;
    }
    if (result.getKind().isPrimitive()) {
      return ReturnKind.PLAIN;
    }
    TypeMirror erased = types.erasure(result);
    if (types.isSubtype(erased, completionStage)) {
      return ReturnKind.ASYNC;
    }
    if (result.getKind() == TypeKind.DECLARED) {
      if (types.isSameType(erased, iterator)) {
        return ReturnKind.ITERATOR;
      }
      if (types.isSameType(erased, stream)) {
        return ReturnKind.STREAM;
      }
      if (types.isSameType(erased, publisher)) {
        return ReturnKind.PUBLISHER;
      }
    }
    return ReturnKind.PLAIN;
  }

  /**
   * The declared result class that a runtime {@code ResultAdapter} may follow ({@code Flux},
   * {@code TokenStream}), or {@code null}: a primitive, array or type variable (whose value can be
   * a subtype, which an adapter's result of the erased class could not stand for), a built-in kind,
   * or a {@code java.*} / {@code javax.*} type, for which no adapter exists and the call stays the
   * plain {@code returned}.
   */
  static ClassName adaptableResult(TypeMirror result, ReturnKind kind) {
    if (kind != ReturnKind.PLAIN || result.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) result).asElement();
    String name = element.getQualifiedName().toString();
    if (name.startsWith("java.") || name.startsWith("javax.")) {
      return null;
    }
    return ClassName.get(element);
  }

  /** Whether the recorded output of a method with result {@code type} can never be a {@code Map}. */
  boolean canNeverBeMap(TypeMirror type, ReturnKind kind) {
    switch (kind) {
      case VOID:
      case ITERATOR:
      case STREAM:
      case PUBLISHER:
        return true; // streamed output is one aggregated value, rendered as one attribute
      case ASYNC:
        TypeMirror value = completionValue(type);
        return value != null
            && canNeverBeMap(value, kindOf(value) == ReturnKind.VOID ? ReturnKind.VOID : ReturnKind.PLAIN);
      default:
        break;
    }
    if (type.getKind().isPrimitive() || type.getKind() == TypeKind.ARRAY) {
      return true;
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    TypeMirror erased = types.erasure(type);
    if (types.isAssignable(erased, map) || types.isAssignable(map, erased)) {
      return false;
    }
    TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
    return element.getModifiers().contains(Modifier.FINAL)
        || element.getKind() == ElementKind.ENUM
        || element.getKind() == ElementKind.RECORD;
  }

  /** The {@code T} of a {@code CompletionStage<T>} result, when it can be read off. */
  private TypeMirror completionValue(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    for (TypeMirror candidate = type; candidate != null; ) {
      if (types.isSameType(types.erasure(candidate), completionStage)) {
        List<? extends TypeMirror> arguments = ((DeclaredType) candidate).getTypeArguments();
        return arguments.size() == 1 && arguments.get(0).getKind() == TypeKind.DECLARED
            ? arguments.get(0)
            : null;
      }
      TypeMirror next = null;
      for (TypeMirror parent : types.directSupertypes(candidate)) {
        if (types.isSubtype(types.erasure(parent), completionStage)) {
          next = parent;
        }
      }
      candidate = next;
    }
    return null;
  }

  private TypeMirror erasure(Elements elements, String className) {
    return types.erasure(elements.getTypeElement(className).asType());
  }
}
