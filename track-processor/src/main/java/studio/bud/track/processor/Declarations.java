package studio.bud.track.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
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
    MethodSpec declared = MethodSpec.overriding(merged.method, containing, types).build();
    String wrapperPackage = elements.getPackageOf(iface).getQualifiedName().toString();
    List<AnnotationSpec> methodAnnotations = copied.declaration(merged.method, wrapperPackage);
    MethodSpec.Builder builder =
        MethodSpec.methodBuilder(declared.name)
            .addAnnotations(declared.annotations)
            .addAnnotations(methodAnnotations)
            .addAnnotations(WarningAnnotations.forMethod(merged.method, containing, declared.parameters))
            .addModifiers(declared.modifiers);
    // JavaPoet resolves parameter, result and thrown types against the interface but copies the
    // method's own type variables as declared: <U extends T> inherited from Base<T> would name a
    // T that the generated class does not have. Take them from the resolved member type too.
    for (TypeVariable variable :
        ((ExecutableType) types.asMemberOf(containing, merged.method)).getTypeVariables()) {
      builder.addTypeVariable(resolvedTypeVariable(variable));
    }
    builder
        .returns(
            copied.type(
                merged.returnType, merged.method.getReturnType(), methodAnnotations, wrapperPackage))
        .addParameters(parameters(merged.method, containing, declared.parameters, wrapperPackage))
        .varargs(declared.varargs);
    for (TypeMirror thrown : merged.thrownTypes) {
      builder.addException(TypeName.get(thrown));
    }
    return builder.build();
  }

  /**
   * {@code resolved} (JavaPoet's parameters of the override, types resolved in the wrapped
   * interface) with the annotations of {@code method}'s parameters: declaration annotations and
   * type-use annotations in their types.
   */
  private List<ParameterSpec> parameters(
      ExecutableElement method,
      DeclaredType containing,
      List<ParameterSpec> resolved,
      String wrapperPackage) {
    List<? extends VariableElement> elements = method.getParameters();
    List<? extends TypeMirror> types =
        ((ExecutableType) this.types.asMemberOf(containing, method)).getParameterTypes();
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
