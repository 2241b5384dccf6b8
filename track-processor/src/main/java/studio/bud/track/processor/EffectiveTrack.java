package studio.bud.track.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Which {@code @Track} applies to each method of one wrapped interface. Each annotation is read
 * once, so that the same {@link TrackSettings} stands for it wherever it applies.
 */
final class EffectiveTrack {

  private final Elements elements;
  private final TypeElement iface;
  private final Map<Element, TrackSettings> cache;

  EffectiveTrack(Elements elements, TypeElement iface) {
    this(elements, iface, new HashMap<>());
  }

  /** With {@code cache} holding the settings already read, shared with other interfaces. */
  EffectiveTrack(Elements elements, TypeElement iface, Map<Element, TrackSettings> cache) {
    this.elements = elements;
    this.iface = iface;
    this.cache = cache;
  }

  /**
   * The {@code @Track} that applies to {@code method}: its own, else one on a method it overrides,
   * else the declaring interface's, else the wrapped interface's; {@code null} when none does.
   */
  TrackSettings of(ExecutableElement method) {
    TrackSettings own = settings(method);
    if (own != null) {
      return own;
    }
    TypeElement declaring = (TypeElement) method.getEnclosingElement();
    TrackSettings inherited = fromOverridden(method, declaring, declaring, new HashSet<>());
    if (inherited != null) {
      return inherited;
    }
    TrackSettings typeLevel = settings(declaring);
    if (typeLevel != null) {
      return typeLevel;
    }
    return settings(iface);
  }

  /** The methods among {@code methods} that {@code settings} applies to. */
  List<ExecutableElement> trackedBy(TrackSettings settings, List<ExecutableElement> methods) {
    List<ExecutableElement> tracked = new ArrayList<>();
    for (ExecutableElement method : methods) {
      if (of(method) == settings) {
        tracked.add(method);
      }
    }
    return tracked;
  }

  private TrackSettings fromOverridden(
      ExecutableElement method, TypeElement declaring, TypeElement type, Set<TypeElement> visited) {
    for (TypeMirror parentType : type.getInterfaces()) {
      TypeElement parent = (TypeElement) ((DeclaredType) parentType).asElement();
      if (!visited.add(parent)) {
        continue;
      }
      for (ExecutableElement candidate : ElementFilter.methodsIn(parent.getEnclosedElements())) {
        if (candidate.getSimpleName().equals(method.getSimpleName())
            && elements.overrides(method, candidate, declaring)) {
          TrackSettings found = settings(candidate);
          if (found != null) {
            return found;
          }
        }
      }
      TrackSettings deeper = fromOverridden(method, declaring, parent, visited);
      if (deeper != null) {
        return deeper;
      }
    }
    return null;
  }

  private TrackSettings settings(Element element) {
    if (!cache.containsKey(element)) {
      cache.put(element, TrackSettings.of(element, elements));
    }
    return cache.get(element);
  }
}
