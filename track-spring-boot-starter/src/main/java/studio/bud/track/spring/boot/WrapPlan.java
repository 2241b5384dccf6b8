package studio.bud.track.spring.boot;

import java.io.Serializable;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.Aware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * What to do with beans of one class: wrap them as one tracked interface, leave them as they are
 * (with the reason for the INFO line), or nothing at all when the class implements no interface
 * that has a generated wrapper.
 *
 * <p>The interfaces considered are the most specific ones the class implements: an interface that
 * another implemented interface extends is covered by it (the traced view of {@code Assistant
 * extends Base} is a {@code Base} too). Of those, Spring's callback interfaces and the interfaces
 * of Spring's own proxies do not count, since nothing is injected by them; any other interface
 * that the traced view would not implement keeps the bean as it is, so that injection by it keeps
 * working. The proxy of a scoped bean is not wrapped at all: the scoped target behind it is, each
 * time the scope creates one, so wrapping the proxy too would trace every call twice.
 */
final class WrapPlan {

  /** Interfaces of Spring's proxies, by name, so that no proxy class has to be loadable. */
  private static final Set<String> PROXY_INTERFACES =
      Set.of(
          "org.springframework.aop.SpringProxy",
          "org.springframework.aop.framework.Advised",
          "org.springframework.aop.TargetClassAware",
          "org.springframework.core.DecoratingProxy",
          "org.springframework.cglib.proxy.Factory");

  /** Implemented by the proxy of a scoped bean ({@code @RequestScope} and the like). */
  private static final String SCOPED_PROXY = "org.springframework.aop.scope.ScopedObject";

  private static final WrapPlan NOT_TRACKED = new WrapPlan(null, null);

  /** The interface to wrap as, or {@code null}. */
  private final Class<?> trackedInterface;

  /** Why the bean is left as it is although it implements a tracked interface, or {@code null}. */
  private final String reason;

  private WrapPlan(Class<?> trackedInterface, String reason) {
    this.trackedInterface = trackedInterface;
    this.reason = reason;
  }

  /**
   * Decides for {@code beanClass}.
   *
   * @param hasWrapper whether an interface has a generated wrapper that {@code Tracking.wrap} can
   *     use
   */
  static WrapPlan of(Class<?> beanClass, Predicate<Class<?>> hasWrapper) {
    Set<Class<?>> all = new LinkedHashSet<>();
    for (Class<?> type = beanClass; type != null; type = type.getSuperclass()) {
      for (Class<?> direct : type.getInterfaces()) {
        addWithSuperinterfaces(direct, all);
      }
    }
    if (all.stream().anyMatch(type -> type.getName().equals(SCOPED_PROXY))) {
      // Its target bean (scopedTarget.<name>) is post-processed, and traced, on its own.
      return NOT_TRACKED;
    }
    List<Class<?>> tracked = all.stream().filter(hasWrapper).collect(Collectors.toList());
    if (tracked.isEmpty()) {
      return NOT_TRACKED;
    }
    List<Class<?>> mostSpecific = new ArrayList<>();
    for (Class<?> candidate : all) {
      if (all.stream().noneMatch(other -> other != candidate && candidate.isAssignableFrom(other))
          && !isSpringCallbackOrProxy(candidate)) {
        mostSpecific.add(candidate);
      }
    }
    List<Class<?>> trackedMostSpecific =
        mostSpecific.stream().filter(tracked::contains).collect(Collectors.toList());
    List<Class<?>> others =
        mostSpecific.stream().filter(type -> !tracked.contains(type)).collect(Collectors.toList());

    List<Class<?>> notPublic =
        trackedMostSpecific.stream()
            .filter(type -> !Modifier.isPublic(type.getModifiers()))
            .collect(Collectors.toList());
    if (!notPublic.isEmpty()) {
      return leave(
          names(notPublic)
              + (notPublic.size() == 1 ? " is" : " are")
              + " not public (wrap it by hand with its generated Traced wrapper where it is"
              + " injected)");
    }
    if (trackedMostSpecific.size() > 1) {
      return leave(
          "it implements several tracked interfaces ("
              + names(trackedMostSpecific)
              + ") and a traced view implements only one");
    }
    if (!others.isEmpty()) {
      Class<?> viewOf = (trackedMostSpecific.isEmpty() ? tracked : trackedMostSpecific).get(0);
      return leave(
          "it also implements "
              + names(others)
              + ", which the traced view of "
              + viewOf.getName()
              + " would not implement (injection by "
              + (others.size() == 1 ? "it" : "them")
              + " would break)");
    }
    return new WrapPlan(trackedMostSpecific.get(0), null);
  }

  /** Whether the bean implements any interface with a generated wrapper. */
  boolean isTracked() {
    return this != NOT_TRACKED;
  }

  /** The interface to wrap as, or {@code null} when the bean is left as it is. */
  Class<?> trackedInterface() {
    return trackedInterface;
  }

  /** Why a tracked bean is left as it is, or {@code null} when it is wrapped. */
  String reason() {
    return reason;
  }

  private static WrapPlan leave(String reason) {
    return new WrapPlan(null, reason);
  }

  private static void addWithSuperinterfaces(Class<?> type, Set<Class<?>> into) {
    if (into.add(type)) {
      for (Class<?> parent : type.getInterfaces()) {
        addWithSuperinterfaces(parent, into);
      }
    }
  }

  /**
   * {@code Serializable}, Spring's callbacks ({@code *Aware}, {@code InitializingBean}, {@code
   * DisposableBean}: Spring calls them on the bean itself, before it is wrapped or at close on the
   * original instance; {@code SmartInitializingSingleton}, which {@link TrackedBeanPostProcessor}
   * forwards) and the interfaces of Spring's proxies.
   */
  private static boolean isSpringCallbackOrProxy(Class<?> type) {
    return type == Serializable.class
        || Aware.class.isAssignableFrom(type)
        || type == InitializingBean.class
        || type == DisposableBean.class
        || type == SmartInitializingSingleton.class
        || PROXY_INTERFACES.contains(type.getName());
  }

  private static String names(List<Class<?>> types) {
    return types.stream().map(Class::getName).collect(Collectors.joining(", "));
  }
}
