package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The methods a wrapper of an interface must implement: declared and inherited, each signature
 * once, with the result and checked exceptions that one method implementing all its
 * declarations may declare.
 */
final class InheritedMethods {

  /** One method of the wrapper, and what it declares as a member of the wrapped interface. */
  static final class Merged {
    /** The most specific declaration, whose {@code @Track} and parameter names count. */
    final ExecutableElement method;
    final TypeMirror returnType;
    final List<TypeMirror> thrownTypes;

    Merged(ExecutableElement method, TypeMirror returnType, List<TypeMirror> thrownTypes) {
      this.method = method;
      this.returnType = returnType;
      this.thrownTypes = List.copyOf(thrownTypes);
    }
  }

  private final Elements elements;
  private final Types types;

  InheritedMethods(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /**
   * Every abstract and default method of {@code iface}, declared first in source order, then
   * inherited ones interface by interface. A signature inherited from unrelated interfaces
   * ({@code C extends A, B} with {@code A.get()} and {@code B.get()}) is one method, which
   * implements all of them.
   */
  List<Merged> of(TypeElement iface) {
    List<ExecutableElement> collected = new ArrayList<>();
    Map<ExecutableElement, List<ExecutableElement>> alsoInherited = new HashMap<>();
    collect(iface, iface, collected, alsoInherited, new HashSet<>());
    List<Merged> merged = new ArrayList<>();
    for (ExecutableElement method : collected) {
      List<ExecutableElement> sameMethod = new ArrayList<>();
      sameMethod.add(method);
      sameMethod.addAll(alsoInherited.getOrDefault(method, List.of()));
      merged.add(
          new Merged(
              method,
              mostSpecificReturnType(sameMethod, iface),
              commonThrownTypes(sameMethod, iface)));
    }
    return merged;
  }

  private void collect(
      TypeElement type,
      TypeElement iface,
      List<ExecutableElement> collected,
      Map<ExecutableElement, List<ExecutableElement>> alsoInherited,
      Set<TypeElement> visited) {
    if (!visited.add(type)) {
      return;
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC) || modifiers.contains(Modifier.PRIVATE)) {
        continue;
      }
      int index = indexOfSameSignature(method, collected, iface);
      if (index < 0) {
        collected.add(method);
        continue;
      }
      ExecutableElement other = collected.get(index);
      if (elements.overrides(method, other, iface)) {
        // Reached through a later path (C extends A, D with D extends A): the override is the
        // more specific declaration, with its own @Track and possibly a narrower signature.
        collected.set(index, method);
        List<ExecutableElement> moved = alsoInherited.remove(other);
        if (moved != null) {
          alsoInherited.put(method, moved);
        }
      } else if (!elements.overrides(other, method, iface)) {
        alsoInherited.computeIfAbsent(other, key -> new ArrayList<>()).add(method);
      }
    }
    for (TypeMirror parent : type.getInterfaces()) {
      collect(
          (TypeElement) ((DeclaredType) parent).asElement(), iface, collected, alsoInherited, visited);
    }
  }

  private int indexOfSameSignature(
      ExecutableElement method, List<ExecutableElement> collected, TypeElement iface) {
    for (int i = 0; i < collected.size(); i++) {
      ExecutableElement other = collected.get(i);
      if (!other.getSimpleName().equals(method.getSimpleName())) {
        continue;
      }
      if (elements.overrides(other, method, iface)
          || elements.overrides(method, other, iface)
          || types.isSubsignature(memberType(other, iface), memberType(method, iface))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The result type one method implementing all of {@code sameMethod} must declare: the most
   * specific of theirs, as members of {@code iface} (javac has checked that one exists).
   */
  private TypeMirror mostSpecificReturnType(List<ExecutableElement> sameMethod, TypeElement iface) {
    TypeMirror result = null;
    for (ExecutableElement method : sameMethod) {
      TypeMirror candidate = memberType(method, iface).getReturnType();
      if (result == null
          || (!types.isSameType(candidate, result) && types.isSubtype(candidate, result))) {
        result = candidate;
      }
    }
    return result;
  }

  /**
   * The checked exceptions one method implementing all of {@code sameMethod} may declare: those
   * that every one of them allows (as javac computes for a call through {@code iface}).
   */
  private List<TypeMirror> commonThrownTypes(List<ExecutableElement> sameMethod, TypeElement iface) {
    List<List<? extends TypeMirror>> thrownByEach = new ArrayList<>();
    for (ExecutableElement method : sameMethod) {
      thrownByEach.add(memberType(method, iface).getThrownTypes());
    }
    List<TypeMirror> common = new ArrayList<>();
    for (List<? extends TypeMirror> thrown : thrownByEach) {
      for (TypeMirror candidate : thrown) {
        if (isAllowedByAll(candidate, thrownByEach) && !containsSameType(common, candidate)) {
          common.add(candidate);
        }
      }
    }
    return common;
  }

  private boolean isAllowedByAll(TypeMirror exception, List<List<? extends TypeMirror>> thrownByEach) {
    for (List<? extends TypeMirror> thrown : thrownByEach) {
      boolean allowed = false;
      for (TypeMirror declared : thrown) {
        allowed |= types.isSubtype(exception, declared);
      }
      if (!allowed) {
        return false;
      }
    }
    return true;
  }

  private boolean containsSameType(List<TypeMirror> list, TypeMirror type) {
    for (TypeMirror element : list) {
      if (types.isSameType(element, type)) {
        return true;
      }
    }
    return false;
  }

  private ExecutableType memberType(ExecutableElement method, TypeElement iface) {
    return (ExecutableType) types.asMemberOf((DeclaredType) iface.asType(), method);
  }
}
