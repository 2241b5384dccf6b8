package studio.bud.track.processor;

import com.squareup.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/** An interface to wrap: what the writer needs, already validated. */
final class TracedInterface {

  final TypeElement element;
  final ClassName tracedName;
  final List<TracedMethod> methods;

  TracedInterface(TypeElement element, ClassName tracedName, List<TracedMethod> methods) {
    this.element = element;
    this.tracedName = tracedName;
    this.methods = List.copyOf(methods);
  }
}
