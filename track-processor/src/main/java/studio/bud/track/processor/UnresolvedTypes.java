package studio.bud.track.processor;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Finds the types in an interface's signatures that javac could not resolve (yet). A type that
 * another processor generates in the same build is such an error type until that processor's
 * round; it even passes {@code isSubtype} checks, so reading the interface now would misclassify
 * it. Such an interface waits for a later round.
 */
final class UnresolvedTypes {

  private UnresolvedTypes() {}

  /**
   * The first unresolved type in {@code iface}'s supertypes, type parameters, and the results,
   * parameters, exceptions, type parameters and {@code @Track} aggregators of the methods it
   * declares and inherits (the aggregators only {@code withAggregators}); {@code null} when every
   * one is resolved.
   */
  static TypeMirror in(TypeElement iface, List<ExecutableElement> methods, boolean withAggregators) {
    Set<TypeMirror> seen = new HashSet<>();
    TypeMirror found = firstError(iface.getInterfaces(), seen);
    found = found != null ? found : inTypeParameters(iface.getTypeParameters(), seen);
    found = found != null || !withAggregators ? found : inTrack(iface);
    for (ExecutableElement method : methods) {
      if (found != null) {
        return found;
      }
      found = firstError(List.of(method.getReturnType()), seen);
      for (VariableElement parameter : method.getParameters()) {
        found = found != null ? found : firstError(List.of(parameter.asType()), seen);
      }
      found = found != null ? found : firstError(method.getThrownTypes(), seen);
      found = found != null ? found : inTypeParameters(method.getTypeParameters(), seen);
      found = found != null || !withAggregators ? found : inTrack(method);
    }
    return found;
  }

  private static TypeMirror inTypeParameters(
      List<? extends TypeParameterElement> parameters, Set<TypeMirror> seen) {
    for (TypeParameterElement parameter : parameters) {
      TypeMirror found = firstError(parameter.getBounds(), seen);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** An unresolved {@code generationsAggregator} class of {@code @Track} on {@code element}. */
  private static TypeMirror inTrack(Element element) {
    AnnotationMirror track = TrackSettings.find(element);
    if (track == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        track.getElementValues().entrySet()) {
      Object value = entry.getValue().getValue();
      if (value instanceof TypeMirror && ((TypeMirror) value).getKind() == TypeKind.ERROR) {
        return (TypeMirror) value;
      }
    }
    return null;
  }

  private static TypeMirror firstError(List<? extends TypeMirror> types, Set<TypeMirror> seen) {
    for (TypeMirror type : types) {
      TypeMirror found = firstError(type, seen);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static TypeMirror firstError(TypeMirror type, Set<TypeMirror> seen) {
    if (type == null || !seen.add(type)) {
      return null;
    }
    switch (type.getKind()) {
      case ERROR:
        return type;
      case DECLARED:
        return firstError(((DeclaredType) type).getTypeArguments(), seen);
      case ARRAY:
        return firstError(((ArrayType) type).getComponentType(), seen);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror extendsBound = firstError(wildcard.getExtendsBound(), seen);
        return extendsBound != null ? extendsBound : firstError(wildcard.getSuperBound(), seen);
      case TYPEVAR:
        return firstError(((TypeVariable) type).getUpperBound(), seen);
      case INTERSECTION:
        return firstError(((IntersectionType) type).getBounds(), seen);
      default:
        return null;
    }
  }
}
