package studio.bud.track.processor;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeVariableName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** An interface to wrap: what the writer needs, already validated and resolved. */
final class TracedInterface {

  /** The interface, for links and as the originating element of the generated file. */
  final TypeElement element;
  final TypeName type;
  final List<TypeVariableName> typeVariables;
  final boolean isPublic;
  final ClassName tracedName;
  /**
   * Whether the interface has (or inherits) a member type named like the generated class, which
   * shadows the class's own simple name inside it.
   */
  final boolean tracedNameShadowed;
  /** Whether to mark the class {@code @javax.annotation.processing.Generated}. */
  final boolean markGenerated;
  /** What the class carries over from the interface ({@code @Deprecated}, {@code @SuppressWarnings}). */
  final List<AnnotationSpec> annotations;
  final List<WrapperMethod> methods;

  TracedInterface(
      TypeElement element,
      TypeName type,
      List<TypeVariableName> typeVariables,
      boolean isPublic,
      ClassName tracedName,
      boolean tracedNameShadowed,
      boolean markGenerated,
      List<AnnotationSpec> annotations,
      List<WrapperMethod> methods) {
    this.element = element;
    this.type = type;
    this.typeVariables = List.copyOf(typeVariables);
    this.isPublic = isPublic;
    this.tracedName = tracedName;
    this.tracedNameShadowed = tracedNameShadowed;
    this.markGenerated = markGenerated;
    this.annotations = List.copyOf(annotations);
    this.methods = List.copyOf(methods);
  }
}
