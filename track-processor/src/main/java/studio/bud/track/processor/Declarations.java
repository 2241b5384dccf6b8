package studio.bud.track.processor;

import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Resolves what the generated class declares as members of the wrapped interface, in JavaPoet
 * terms, so that the writer needs no {@link Types}.
 */
final class Declarations {

  private final Types types;

  Declarations(Types types) {
    this.types = types;
  }

  /**
   * The overriding declaration of {@code merged}, without a body: name, parameters and varargs as
   * JavaPoet copies them, with the result and checked exceptions that fit every declaration it
   * implements, and the annotations carried over from the interface.
   */
  MethodSpec overriding(InheritedMethods.Merged merged, TypeElement iface) {
    DeclaredType containing = (DeclaredType) iface.asType();
    MethodSpec declared = MethodSpec.overriding(merged.method, containing, types).build();
    MethodSpec.Builder builder =
        MethodSpec.methodBuilder(declared.name)
            .addAnnotations(declared.annotations)
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
        .returns(TypeName.get(merged.returnType))
        .addParameters(declared.parameters)
        .varargs(declared.varargs);
    for (TypeMirror thrown : merged.thrownTypes) {
      builder.addException(TypeName.get(thrown));
    }
    return builder.build();
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
