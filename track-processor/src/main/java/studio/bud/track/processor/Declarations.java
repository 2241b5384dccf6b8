package studio.bud.track.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Resolves what the generated class declares as members of the wrapped interface, in JavaPoet
 * terms, so that the writer needs no {@link Types}.
 */
final class Declarations {

  private static final AnnotationSpec OVERRIDE = AnnotationSpec.builder(Override.class).build();

  private final Elements elements;
  private final Types types;
  private final CopiedAnnotations copied;

  Declarations(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.copied = new CopiedAnnotations(elements);
  }

  /**
   * The overriding declaration of {@code merged}, without a body: name, parameters and varargs as
   * JavaPoet copies them, with the result and checked exceptions that fit every declaration it
   * implements, and the annotations carried over from the interface.
   */
  MethodSpec overriding(InheritedMethods.Merged merged, TypeElement iface) {
    DeclaredType containing = (DeclaredType) iface.asType();
    ExecutableElement method = merged.method;
    ExecutableType member = (ExecutableType) types.asMemberOf(containing, method);
    List<ParameterSpec> resolved = resolvedParameters(method, member);
    String wrapperPackage = elements.getPackageOf(iface).getQualifiedName().toString();
    List<AnnotationSpec> methodAnnotations = copied.declaration(method, wrapperPackage);
    Set<Modifier> modifiers = EnumSet.noneOf(Modifier.class);
    modifiers.addAll(method.getModifiers());
    modifiers.remove(Modifier.ABSTRACT);
    modifiers.remove(Modifier.DEFAULT);
    MethodSpec.Builder builder =
        MethodSpec.methodBuilder(method.getSimpleName().toString())
            .addAnnotation(OVERRIDE)
            .addAnnotations(methodAnnotations)
            .addAnnotations(WarningAnnotations.forMethod(method, containing, resolved))
            .addModifiers(modifiers);
    // The method's own type variables come from the resolved member type, like everything else:
    // copied as declared, <U extends T> inherited from Base<T> would name a T that the generated
    // class does not have.
    for (TypeVariable variable : member.getTypeVariables()) {
      builder.addTypeVariable(resolvedTypeVariable(variable));
    }
    builder
        .returns(
            copied.type(merged.returnType, method.getReturnType(), methodAnnotations, wrapperPackage))
        .addParameters(parameters(method, member, resolved, wrapperPackage))
        .varargs(method.isVarArgs());
    for (TypeMirror thrown : merged.thrownTypes) {
      builder.addException(TypeName.get(thrown));
    }
    return builder.build();
  }

  /**
   * The parameters as JavaPoet's {@code MethodSpec.overriding(method, containing, types)} gives
   * them: the declared names and modifiers, the types as members of the wrapped interface, no
   * annotations. (Built here because that method also converts every declared type and copies
   * each parameter, only for the declaration to be rebuilt.)
   */
  private static List<ParameterSpec> resolvedParameters(ExecutableElement method, ExecutableType member) {
    List<? extends VariableElement> elements = method.getParameters();
    List<? extends TypeMirror> types = member.getParameterTypes();
    List<ParameterSpec> parameters = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      VariableElement element = elements.get(i);
      parameters.add(
          ParameterSpec.builder(TypeName.get(types.get(i)), element.getSimpleName().toString())
              .addModifiers(element.getModifiers())
              .build());
    }
    return parameters;
  }

  /**
   * {@code resolved} (JavaPoet's parameters of the override, types resolved in the wrapped
   * interface) with the annotations of {@code method}'s parameters: declaration annotations and
   * type-use annotations in their types.
   */
  private List<ParameterSpec> parameters(
      ExecutableElement method,
      ExecutableType member,
      List<ParameterSpec> resolved,
      String wrapperPackage) {
    List<? extends VariableElement> elements = method.getParameters();
    List<? extends TypeMirror> types = member.getParameterTypes();
    List<ParameterSpec> parameters = new ArrayList<>(resolved.size());
    for (int i = 0; i < resolved.size(); i++) {
      ParameterSpec parameter = resolved.get(i);
      VariableElement element = elements.get(i);
      List<AnnotationSpec> annotations = copied.declaration(element, wrapperPackage);
      if (annotations.isEmpty() && CopiedAnnotations.isUnannotated(types.get(i), element.asType())) {
        // JavaPoet's parameter already has TypeName.get of this type; TypeName.equals would
        // render both types to compare them.
        parameters.add(parameter);
        continue;
      }
      TypeName type =
          copied.type(types.get(i), element.asType(), annotations, wrapperPackage);
      if (annotations.isEmpty() && type.equals(parameter.type)) {
        parameters.add(parameter);
      } else {
        parameters.add(
            ParameterSpec.builder(type, parameter.name)
                .addModifiers(parameter.modifiers)
                .addAnnotations(annotations)
                .build());
      }
    }
    return parameters;
  }

  /**
   * Whether {@code type} has (or inherits) a member type named {@code simpleName}, which shadows
   * a class of that name inside a class that implements it.
   */
  boolean hasMemberType(TypeMirror type, String simpleName) {
    for (TypeElement member :
        ElementFilter.typesIn(((DeclaredType) type).asElement().getEnclosedElements())) {
      if (member.getSimpleName().contentEquals(simpleName)) {
        return true;
      }
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype.getKind() == TypeKind.DECLARED && hasMemberType(supertype, simpleName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code variable} with its bounds as resolved in the wrapped interface. (JavaPoet's
   * {@code TypeVariableName.get(TypeVariable)} reads the bounds from the declaring element, which
   * still has the base interface's type variables.)
   */
  private static TypeVariableName resolvedTypeVariable(TypeVariable variable) {
    TypeMirror upper = variable.getUpperBound();
    List<TypeName> bounds = new ArrayList<>();
    if (upper.getKind() == TypeKind.INTERSECTION) {
      for (TypeMirror bound : ((IntersectionType) upper).getBounds()) {
        bounds.add(TypeName.get(bound));
      }
    } else {
      bounds.add(TypeName.get(upper)); // java.lang.Object is dropped by JavaPoet
    }
    return TypeVariableName.get(
        variable.asElement().getSimpleName().toString(), bounds.toArray(new TypeName[0]));
  }
}
