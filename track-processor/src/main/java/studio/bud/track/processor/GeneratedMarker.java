package studio.bud.track.processor;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Whether the generated class may carry {@code @javax.annotation.processing.Generated}: only
 * where the interface's module reads {@code java.compiler}, the annotation's module. The unnamed
 * module reads every module; a named module reads it only through a {@code requires} (plain,
 * {@code static} or {@code transitive}) of {@code java.compiler} or of a module that requires it
 * transitively ({@code java.se}). Elsewhere the class gets no marker, so that a modular
 * application needs no {@code requires} for code it did not write.
 */
final class GeneratedMarker {

  private static final String ANNOTATION_MODULE = "java.compiler";

  private final Elements elements;

  GeneratedMarker(Elements elements) {
    this.elements = elements;
  }

  boolean isReadable(TypeElement iface) {
    ModuleElement module = elements.getModuleOf(iface);
    return module == null
        || module.isUnnamed()
        || reads(module, true, new HashSet<>());
  }

  /**
   * Whether {@code module} reads {@code java.compiler}: through any of its {@code requires}
   * ({@code direct}), or only through {@code requires transitive} when it is itself required.
   */
  private static boolean reads(ModuleElement module, boolean direct, Set<ModuleElement> visited) {
    if (!visited.add(module)) {
      return false;
    }
    for (ModuleElement.RequiresDirective requires :
        ElementFilter.requiresIn(module.getDirectives())) {
      if (!direct && !requires.isTransitive()) {
        continue;
      }
      ModuleElement dependency = requires.getDependency();
      if (dependency.getQualifiedName().contentEquals(ANNOTATION_MODULE)
          || reads(dependency, false, visited)) {
        return true;
      }
    }
    return false;
  }
}
