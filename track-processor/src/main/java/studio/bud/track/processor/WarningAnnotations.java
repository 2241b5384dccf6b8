package studio.bud.track.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import com.squareup.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;

/**
 * Carries {@code @Deprecated} and {@code @SuppressWarnings} from the interface over to the
 * generated class and methods. The wrapper repeats the interface's signatures and uses its types,
 * so without them it would raise the very warnings (deprecation, raw types, heap pollution) that
 * the interface's author silenced, and a build with {@code -Werror} would fail on code nobody can
 * edit. Adds nothing when the interface has none, so ordinary output is unchanged.
 */
final class WarningAnnotations {

  private static final String DEPRECATED = "java.lang.Deprecated";
  private static final String SUPPRESS_WARNINGS = "java.lang.SuppressWarnings";

  private WarningAnnotations() {}

  /**
   * The class: what the interface and the types enclosing it carry, plus {@code overrides} when
   * the interface declares {@code equals} but not {@code hashCode} (the wrapper forwards what the
   * interface declares, and javac warns about that pair on a class, never on an interface).
   */
  static List<AnnotationSpec> forClass(TypeElement iface, List<ExecutableElement> methods) {
    Set<String> suppressed = new TreeSet<>();
    AnnotationMirror deprecated = collect(iface, true, suppressed);
    if (declares(methods, "equals", 1) && !declares(methods, "hashCode", 0)) {
      suppressed.add("overrides");
    }
    return annotations(deprecated, suppressed);
  }

  /**
   * A method: its own, and, when it is inherited from another interface, what that interface and
   * its enclosing types carry (the wrapped interface's are already on the class). Also {@code
   * unchecked} for a varargs parameter of a non-reifiable type ({@code T...}): javac reports
   * possible heap pollution on a method with a body, so on the wrapper but never on the interface.
   */
  static List<AnnotationSpec> forMethod(
      ExecutableElement method, DeclaredType wrapped, List<ParameterSpec> parameters) {
    Set<String> suppressed = new TreeSet<>();
    AnnotationMirror deprecated = collect(method, false, suppressed);
    if (method.isVarArgs() && !parameters.isEmpty()
        && !isReifiable(parameters.get(parameters.size() - 1).type)) {
      suppressed.add("unchecked");
    }
    Element declaring = method.getEnclosingElement();
    if (!declaring.equals(wrapped.asElement())) {
      AnnotationMirror declaringDeprecated = collect(declaring, true, suppressed);
      deprecated = deprecated != null ? deprecated : declaringDeprecated;
    }
    return annotations(deprecated, suppressed);
  }

  private static List<AnnotationSpec> annotations(AnnotationMirror deprecated, Set<String> suppressed) {
    List<AnnotationSpec> annotations = new ArrayList<>();
    if (deprecated != null) {
      annotations.add(AnnotationSpec.get(deprecated));
    }
    if (!suppressed.isEmpty()) {
      annotations.add(suppressWarnings(suppressed));
    }
    return annotations;
  }

  /**
   * Adds the {@code @SuppressWarnings} names of {@code element} (and, if {@code enclosing}, of the
   * types enclosing it) to {@code suppressed}; returns the innermost {@code @Deprecated}, or
   * {@code null}.
   */
  private static AnnotationMirror collect(Element element, boolean enclosing, Set<String> suppressed) {
    AnnotationMirror deprecated = null;
    for (Element e = element; e instanceof TypeElement || e == element;
        e = enclosing ? e.getEnclosingElement() : null) {
      for (AnnotationMirror mirror : e.getAnnotationMirrors()) {
        String name = ((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName().toString();
        if (name.equals(DEPRECATED) && deprecated == null) {
          deprecated = mirror;
        } else if (name.equals(SUPPRESS_WARNINGS)) {
          for (AnnotationValue value : mirror.getElementValues().values()) {
            addNames(value.getValue(), suppressed);
          }
        }
      }
    }
    return deprecated;
  }

  private static void addNames(Object value, Set<String> suppressed) {
    if (value instanceof List) {
      for (Object element : (List<?>) value) {
        addNames(((AnnotationValue) element).getValue(), suppressed);
      }
    } else if (value instanceof String) {
      suppressed.add((String) value);
    }
  }

  private static boolean isReifiable(TypeName type) {
    if (type instanceof ArrayTypeName) {
      return isReifiable(((ArrayTypeName) type).componentType);
    }
    if (type instanceof TypeVariableName) {
      return false;
    }
    if (type instanceof ParameterizedTypeName) {
      for (TypeName argument : ((ParameterizedTypeName) type).typeArguments) {
        if (!(argument instanceof WildcardTypeName)
            || !((WildcardTypeName) argument).lowerBounds.isEmpty()
            || !((WildcardTypeName) argument).upperBounds.equals(List.of(TypeName.OBJECT))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean declares(List<ExecutableElement> methods, String name, int parameters) {
    for (ExecutableElement method : methods) {
      if (method.getSimpleName().contentEquals(name)
          && method.getParameters().size() == parameters) {
        return true;
      }
    }
    return false;
  }

  private static AnnotationSpec suppressWarnings(Set<String> names) {
    AnnotationSpec.Builder annotation = AnnotationSpec.builder(SuppressWarnings.class);
    for (String name : names) {
      annotation.addMember("value", "$S", name);
    }
    return annotation.build();
  }
}
