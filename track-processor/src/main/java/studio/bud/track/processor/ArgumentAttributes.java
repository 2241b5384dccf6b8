package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads the {@code @Track.Attribute} parameters of a traced method into {@link
 * ArgumentAttribute}s, and checks their keys: non-blank, outside {@code
 * bud.track.}, one parameter per key.
 */
final class ArgumentAttributes {

  static final String ANNOTATION = "studio.bud.track.Track.Attribute";

  private final Types types;
  private final TypeElement list;
  private final TypeMirror charSequence;

  ArgumentAttributes(Elements elements, Types types) {
    this.types = types;
    this.list = elements.getTypeElement("java.util.List");
    this.charSequence = elements.getTypeElement("java.lang.CharSequence").asType();
  }

  /** The {@code @Track.Attribute} on {@code parameter}, or {@code null}. */
  static AnnotationMirror find(Element parameter) {
    for (AnnotationMirror mirror : parameter.getAnnotationMirrors()) {
      TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
      if (annotationType.getQualifiedName().contentEquals(ANNOTATION)) {
        return mirror;
      }
    }
    return null;
  }

  /** The {@code value} of an {@code @Track.Attribute} mirror. */
  static AnnotationValue value(AnnotationMirror mirror) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value")) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("@Track.Attribute without a value: " + mirror);
  }

  /**
   * Reports {@code @Track.Attribute} on {@code parameter} when the method it belongs to is not
   * tracked where it is declared (no {@code @Track} of its own, inherited or on its interface), or
   * is no method a wrapper can trace at all (a class's, a static or private one, a constructor).
   */
  static void checkTracked(Element parameter, Elements elements, Problems problems) {
    Element method = parameter.getEnclosingElement();
    Element owner = method.getEnclosingElement();
    boolean tracked = false;
    if (method.getKind() == ElementKind.METHOD
        && owner.getKind() == ElementKind.INTERFACE
        && !method.getModifiers().contains(Modifier.STATIC)
        && !method.getModifiers().contains(Modifier.PRIVATE)) {
      tracked = new EffectiveTrack(elements, (TypeElement) owner).of((ExecutableElement) method) != null;
    }
    if (!tracked) {
      String where = method instanceof ExecutableElement
          ? Names.describe((ExecutableElement) method)
          : owner.getSimpleName() + "." + method.getSimpleName();
      problems.error(
          String.format(Messages.ARGUMENT_ATTRIBUTE_UNTRACKED, parameter.getSimpleName(), where),
          parameter,
          find(parameter));
    }
  }

  /** Whether any parameter of {@code method} carries {@code @Track.Attribute}. */
  static boolean any(ExecutableElement method) {
    for (VariableElement parameter : method.getParameters()) {
      if (find(parameter) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * The attributes of traced {@code method}, in parameter order, each form decided from the
   * parameter's type as a member of {@code iface}. Problems go to {@code problems}; the result is
   * meaningful only when there were none.
   */
  List<ArgumentAttribute> of(ExecutableElement method, TypeElement iface, Problems problems) {
    if (!any(method)) {
      return List.of();
    }
    List<? extends TypeMirror> parameterTypes =
        ((ExecutableType) types.asMemberOf((DeclaredType) iface.asType(), method)).getParameterTypes();
    List<ArgumentAttribute> attributes = new ArrayList<>();
    Map<String, VariableElement> byKey = new HashMap<>();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      VariableElement parameter = parameters.get(i);
      AnnotationMirror mirror = find(parameter);
      if (mirror == null) {
        continue;
      }
      AnnotationValue value = value(mirror);
      String key = String.valueOf(value.getValue());
      if (key.isBlank()) {
        problems.error(
            parameter, mirror, value,
            String.format(Messages.ARGUMENT_ATTRIBUTE_BLANK, parameter.getSimpleName()));
        continue;
      }
      if (key.startsWith(Names.RESERVED_PREFIX)) {
        problems.error(
            parameter, mirror, value, String.format(Messages.ARGUMENT_ATTRIBUTE_RESERVED, key));
        continue;
      }
      VariableElement previous = byKey.putIfAbsent(key, parameter);
      if (previous != null) {
        problems.error(
            parameter,
            mirror,
            value,
            String.format(
                Messages.ARGUMENT_ATTRIBUTE_DUPLICATE, key, previous.getSimpleName(), parameter.getSimpleName()));
        continue;
      }
      attributes.add(
          new ArgumentAttribute(key, parameter.getSimpleName().toString(), formOf(parameterTypes.get(i))));
    }
    return attributes;
  }

  /** How an argument of declared type {@code type} becomes an attribute. */
  ArgumentAttribute.Form formOf(TypeMirror type) {
    TypeMirror bounded = upperBound(type);
    if (bounded.getKind() == TypeKind.ARRAY) {
      return arrayForm(((ArrayType) bounded).getComponentType());
    }
    if (bounded.getKind() == TypeKind.DECLARED) {
      TypeMirror element = listElement((DeclaredType) bounded);
      if (element != null) {
        return arrayForm(element);
      }
    }
    ArgumentAttribute.Form scalar = scalarForm(bounded);
    return scalar == null ? ArgumentAttribute.Form.REPR : scalar;
  }

  /** The array form for elements of {@code element}'s type, or {@link ArgumentAttribute.Form#REPR}. */
  private ArgumentAttribute.Form arrayForm(TypeMirror element) {
    ArgumentAttribute.Form scalar = scalarForm(upperBound(element));
    if (scalar == null) {
      return ArgumentAttribute.Form.REPR;
    }
    switch (scalar) {
      case LONG:
        return ArgumentAttribute.Form.LONG_ARRAY;
      case DOUBLE:
        return ArgumentAttribute.Form.DOUBLE_ARRAY;
      case BOOLEAN:
        return ArgumentAttribute.Form.BOOLEAN_ARRAY;
      default:
        return ArgumentAttribute.Form.STRING_ARRAY;
    }
  }

  /** {@code LONG}, {@code DOUBLE}, {@code BOOLEAN}, {@code STRING}, or {@code null} for none of them. */
  private ArgumentAttribute.Form scalarForm(TypeMirror type) {
    TypeMirror primitive = type;
    if (type.getKind() == TypeKind.DECLARED) {
      try {
        primitive = types.unboxedType(type);
      } catch (IllegalArgumentException notABox) {
        primitive = null;
      }
    }
    if (primitive != null) {
      switch (primitive.getKind()) {
        case BYTE:
        case SHORT:
        case INT:
        case LONG:
          return ArgumentAttribute.Form.LONG;
        case FLOAT:
        case DOUBLE:
          return ArgumentAttribute.Form.DOUBLE;
        case BOOLEAN:
          return ArgumentAttribute.Form.BOOLEAN;
        default:
          break; // char and Character: not text, rendered
      }
    }
    if (type.getKind() == TypeKind.DECLARED
        && (types.isAssignable(type, charSequence)
            || ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM)) {
      return ArgumentAttribute.Form.STRING;
    }
    return null;
  }

  /**
   * The element type of {@code type} as a {@code List} ({@code E} of the {@code List<E>} it is or
   * extends), or {@code null} when it is no {@code List} or a raw one.
   */
  private TypeMirror listElement(DeclaredType type) {
    if (type.asElement().equals(list)) {
      return type.getTypeArguments().isEmpty() ? null : type.getTypeArguments().get(0);
    }
    if (!types.isAssignable(types.erasure(type), types.erasure(list.asType()))) {
      return null;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED) {
        TypeMirror element = listElement((DeclaredType) supertype);
        if (element != null) {
          return element;
        }
      }
    }
    return null;
  }

  /**
   * What the argument is known to be: a type variable's bound, a wildcard's upper bound ({@code
   * Object} for {@code ?} and {@code ? super X}, which say nothing about the element).
   */
  private TypeMirror upperBound(TypeMirror type) {
    switch (type.getKind()) {
      case TYPEVAR:
      case INTERSECTION:
        return types.erasure(type);
      case WILDCARD:
        TypeMirror extendsBound = ((WildcardType) type).getExtendsBound();
        return extendsBound == null ? types.erasure(list.getTypeParameters().get(0).asType()) : upperBound(extendsBound);
      default:
        return type;
    }
  }
}
