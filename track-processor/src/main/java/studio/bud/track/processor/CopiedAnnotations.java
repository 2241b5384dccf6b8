package studio.bud.track.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import com.squareup.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * The annotations of an interface method and its parameters, carried over onto the generated
 * override, so that frameworks that read annotations off the object they are
 * given (LangChain4j's {@code @Tool} and {@code @P}, Bean Validation, JAX-RS) see the wrapper as
 * they saw the implementation. Type-use annotations in the parameter and result types are kept
 * too ({@code @Nullable String}); JavaPoet 1.13's {@code TypeName.get} drops them, so the types
 * that carry any are built here.
 *
 * <p>What is left out, and why:
 *
 * <ul>
 *   <li>{@code @Track} and {@code @Track.Attribute}: they describe the interface's tracing, and
 *       the wrapper is what implements it. {@code @Override}: the generator writes its own.
 *   <li>{@code @Deprecated} and {@code @SuppressWarnings}: {@link WarningAnnotations} writes them,
 *       merged with what the wrapper needs itself, so there is one of each.
 *   <li>An annotation whose type the wrapper cannot name: not public and from another package
 *       (possible for a method inherited from another package's interface).
 * </ul>
 *
 * <p>Everything else is copied as written, values included ({@code AnnotationSpec.get} writes
 * {@code Class}, enum, array and nested-annotation values), and only the values given explicitly,
 * so defaults stay defaults. Each annotation lands in the position it had: method on method,
 * parameter on parameter, type use on the same type component, so its {@code @Target} allows it
 * there as it did in the interface. Repeated annotations come from javac as their container
 * ({@code @Tags({@Tag("a"), @Tag("b")})}), which means the same. {@code @Inherited} plays no part:
 * it concerns class annotations only.
 *
 * <p>An annotation that applies both to a declaration and to a type use ({@code @Target({METHOD,
 * TYPE_USE})}) appears to javac in both places; it is written once, in the declaration position,
 * which again applies it to both.
 */
final class CopiedAnnotations {

  private static final Set<String> LEFT_OUT =
      Set.of(
          TrackSettings.ANNOTATION,
          ArgumentAttributes.ANNOTATION,
          "java.lang.Override",
          "java.lang.Deprecated",
          "java.lang.SuppressWarnings");

  private final Elements elements;

  CopiedAnnotations(Elements elements) {
    this.elements = elements;
  }

  /**
   * The declaration annotations of {@code element} (a method or a parameter) to carry over onto
   * the override in {@code wrapperPackage}, in source order.
   */
  List<AnnotationSpec> declaration(Element element, String wrapperPackage) {
    List<AnnotationSpec> copied = new ArrayList<>();
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (copies(mirror, wrapperPackage)) {
        copied.add(AnnotationSpec.get(mirror));
      }
    }
    return copied;
  }

  /**
   * {@code resolved} (the type as a member of the wrapped interface) as a JavaPoet type with the
   * type-use annotations of {@code declared} (the type as the interface method declares it, which
   * carries them) and of {@code resolved}, each on its component. Exactly {@code
   * TypeName.get(resolved)} when there are none, so unannotated output is unchanged.
   *
   * @param declarationAnnotations the declaration annotations written for the element, left out
   *     of the component that the declaration position already annotates
   */
  TypeName type(
      TypeMirror resolved,
      TypeMirror declared,
      List<AnnotationSpec> declarationAnnotations,
      String wrapperPackage) {
    if (isUnannotated(resolved, declared)) {
      return TypeName.get(resolved);
    }
    TypeName type = annotated(resolved, declared, wrapperPackage);
    return withoutDeclarationAnnotations(type, declarationAnnotations);
  }

  /** Whether {@link #type} of these is exactly {@code TypeName.get(resolved)}. */
  static boolean isUnannotated(TypeMirror resolved, TypeMirror declared) {
    return !hasTypeAnnotations(resolved) && !hasTypeAnnotations(declared);
  }

  private TypeName annotated(TypeMirror resolved, TypeMirror declared, String wrapperPackage) {
    // The declared type is followed only while it has the resolved one's shape: a type variable
    // of a generic base interface (T) may resolve to anything (String, List<String>).
    boolean parallel = declared != null && declared.getKind() == resolved.getKind();
    List<AnnotationSpec> annotations = typeAnnotations(resolved, wrapperPackage);
    if (declared != null) {
      for (AnnotationSpec annotation : typeAnnotations(declared, wrapperPackage)) {
        if (!containsType(annotations, annotation.type)) {
          annotations.add(annotation);
        }
      }
    }
    TypeName plain;
    switch (resolved.getKind()) {
      case ARRAY:
        plain =
            ArrayTypeName.of(
                annotated(
                    ((ArrayType) resolved).getComponentType(),
                    parallel ? ((ArrayType) declared).getComponentType() : null,
                    wrapperPackage));
        break;
      case DECLARED:
        plain = declaredType((DeclaredType) resolved, parallel ? (DeclaredType) declared : null, wrapperPackage);
        break;
      case WILDCARD:
        plain = wildcard((WildcardType) resolved, parallel ? (WildcardType) declared : null, wrapperPackage);
        break;
      case TYPEVAR:
        plain = TypeVariableName.get(((TypeVariable) resolved).asElement().getSimpleName().toString());
        break;
      default:
        plain = TypeName.get(resolved); // a primitive; TypeName.get never reads type annotations
        break;
    }
    return annotations.isEmpty() ? plain : plain.annotated(annotations);
  }

  private TypeName declaredType(DeclaredType resolved, DeclaredType declared, String wrapperPackage) {
    ClassName raw = ClassName.get((TypeElement) resolved.asElement());
    List<? extends TypeMirror> arguments = resolved.getTypeArguments();
    if (arguments.isEmpty()) {
      return raw;
    }
    boolean parallel =
        declared != null
            && declared.asElement().equals(resolved.asElement())
            && declared.getTypeArguments().size() == arguments.size();
    TypeName[] names = new TypeName[arguments.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] =
          annotated(
              arguments.get(i), parallel ? declared.getTypeArguments().get(i) : null, wrapperPackage);
    }
    return ParameterizedTypeName.get(raw, names);
  }

  private TypeName wildcard(WildcardType resolved, WildcardType declared, String wrapperPackage) {
    if (resolved.getSuperBound() != null) {
      return WildcardTypeName.supertypeOf(
          annotated(
              resolved.getSuperBound(),
              declared == null ? null : declared.getSuperBound(),
              wrapperPackage));
    }
    if (resolved.getExtendsBound() != null) {
      return WildcardTypeName.subtypeOf(
          annotated(
              resolved.getExtendsBound(),
              declared == null ? null : declared.getExtendsBound(),
              wrapperPackage));
    }
    return WildcardTypeName.subtypeOf(Object.class);
  }

  /**
   * {@code type} without the annotations that {@code declarationAnnotations} already put on the
   * component a declaration annotation applies to: the type itself, or for an array the innermost
   * element type ({@code @A String[] s} annotates {@code String}).
   */
  private static TypeName withoutDeclarationAnnotations(
      TypeName type, List<AnnotationSpec> declarationAnnotations) {
    if (declarationAnnotations.isEmpty()) {
      return type;
    }
    if (type instanceof ArrayTypeName) {
      ArrayTypeName array = (ArrayTypeName) type;
      TypeName component = withoutDeclarationAnnotations(array.componentType, declarationAnnotations);
      return ArrayTypeName.of(component).annotated(array.annotations);
    }
    List<AnnotationSpec> kept = new ArrayList<>();
    for (AnnotationSpec annotation : type.annotations) {
      if (!containsType(declarationAnnotations, annotation.type)) {
        kept.add(annotation);
      }
    }
    return kept.size() == type.annotations.size() ? type : type.withoutAnnotations().annotated(kept);
  }

  private List<AnnotationSpec> typeAnnotations(TypeMirror type, String wrapperPackage) {
    List<AnnotationSpec> annotations = new ArrayList<>();
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (copies(mirror, wrapperPackage) && !containsType(annotations, TypeName.get(mirror.getAnnotationType()))) {
        annotations.add(AnnotationSpec.get(mirror));
      }
    }
    return annotations;
  }

  private static boolean containsType(List<AnnotationSpec> annotations, TypeName type) {
    for (AnnotationSpec annotation : annotations) {
      if (annotation.type.equals(type)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code type} or any of its components carries a type-use annotation. */
  private static boolean hasTypeAnnotations(TypeMirror type) {
    if (!type.getAnnotationMirrors().isEmpty()) {
      return true;
    }
    switch (type.getKind()) {
      case ARRAY:
        return hasTypeAnnotations(((ArrayType) type).getComponentType());
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          if (hasTypeAnnotations(argument)) {
            return true;
          }
        }
        return false;
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && hasTypeAnnotations(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && hasTypeAnnotations(wildcard.getSuperBound()));
      default:
        return false;
    }
  }

  private boolean copies(AnnotationMirror mirror, String wrapperPackage) {
    TypeElement annotationType = (TypeElement) mirror.getAnnotationType().asElement();
    return !LEFT_OUT.contains(annotationType.getQualifiedName().toString())
        && isAccessibleFrom(annotationType, wrapperPackage);
  }

  /** Whether code in {@code packageName} can name {@code type}. */
  private boolean isAccessibleFrom(TypeElement type, String packageName) {
    PackageElement typePackage = elements.getPackageOf(type);
    boolean samePackage = typePackage.getQualifiedName().contentEquals(packageName);
    for (Element e = type; e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      if (samePackage ? modifiers.contains(Modifier.PRIVATE) : !modifiers.contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }
}
