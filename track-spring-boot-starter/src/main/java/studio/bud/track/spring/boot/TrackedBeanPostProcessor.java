package studio.bud.track.spring.boot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.SmartInstantiationAwareBeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import studio.bud.track.runtime.Tracking;

/**
 * Replaces each bean that implements exactly one tracked interface by {@code
 * Tracking.wrap(thatInterface, bean)}, and configures tracking (through {@link TrackingStartup})
 * before the first such bean is handed out, so that calls made while the context starts are
 * traced too. Which beans are left as they are, and why, is {@link WrapPlan}'s decision; each of
 * them gets one INFO line.
 *
 * <p>It wraps in {@link #postProcessAfterInitialization}, after the bean's own initialisation.
 * It deliberately implements neither {@code Ordered} nor {@code PriorityOrdered}: Spring applies
 * the unordered post-processors after every ordered one, and all of Spring's proxy creators
 * ({@code @Transactional}, {@code @Async}, {@code @Validated}, AOP) are ordered, so their proxy is
 * what gets wrapped, and the traced call goes through it.
 *
 * <p>{@code SmartInitializingSingleton} is the one Spring callback that Spring calls on the bean
 * as exposed (the wrapper) rather than on the original instance; this post-processor calls it on
 * the wrapped beans instead, once all singletons exist.
 *
 * <p>The properties are bound from the {@link Environment} here, not taken from the {@link
 * BudProperties} bean, so that no bean is created early while post-processors are registered.
 */
final class TrackedBeanPostProcessor
    implements SmartInstantiationAwareBeanPostProcessor,
        BeanFactoryAware,
        SmartInitializingSingleton,
        DisposableBean {

  private static final Log LOG = LogFactory.getLog(TrackedBeanPostProcessor.class);

  private final Environment environment;
  private final Map<Class<?>, WrapPlan> plans = new ConcurrentHashMap<>();
  private final Map<Class<?>, Boolean> hasWrapper = new ConcurrentHashMap<>();
  private final List<SmartInitializingSingleton> wrappedCallbacks = new ArrayList<>();
  private final Set<String> earlyReferences = ConcurrentHashMap.newKeySet();
  private final Set<String> leftBeans = ConcurrentHashMap.newKeySet();

  private ListableBeanFactory beanFactory;
  private volatile BudProperties properties;
  private volatile Set<String> excluded;
  private volatile TrackingStartup startup;

  TrackedBeanPostProcessor(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = (ListableBeanFactory) beanFactory;
  }

  /**
   * A bean in a circular reference (only with {@code spring.main.allow-circular-references}) is
   * handed to the other bean of the cycle before it is initialised: that early reference is the
   * traced view already, and {@link #postProcessAfterInitialization} then leaves the bean alone,
   * so that Spring exposes the same traced view.
   */
  @Override
  public Object getEarlyBeanReference(Object bean, String beanName) {
    earlyReferences.add(beanName);
    return traced(bean, beanName);
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (earlyReferences.remove(beanName)) {
      return bean;
    }
    return traced(bean, beanName);
  }

  /** {@code bean} itself, or its traced view, by the {@link WrapPlan} of its class. */
  private Object traced(Object bean, String beanName) {
    BudProperties settings = properties();
    if (!settings.getTrack().isWrapBeans()) {
      return bean;
    }
    WrapPlan plan =
        plans.computeIfAbsent(
            bean.getClass(), type -> WrapPlan.of(type, candidate -> hasWrapper(candidate, bean)));
    if (!plan.isTracked()) {
      return bean;
    }
    if (excluded.contains(beanName)) {
      leave(beanName, bean, "it is named in bud.track.exclude");
      return bean;
    }
    if (plan.trackedInterface() == null) {
      leave(beanName, bean, plan.reason());
      return bean;
    }
    startup().start();
    Object traced = wrap(plan.trackedInterface(), bean);
    if (bean instanceof SmartInitializingSingleton) {
      synchronized (wrappedCallbacks) {
        wrappedCallbacks.add((SmartInitializingSingleton) bean);
      }
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "Bean '"
              + beanName
              + "' ("
              + bean.getClass().getName()
              + ") is replaced by its traced view as "
              + plan.trackedInterface().getName());
    }
    return traced;
  }

  /**
   * Configures tracking if no bean did so (an application without tracked beans may still wrap by
   * hand), warns about excluded names that are no bean, and calls the wrapped beans'
   * {@code SmartInitializingSingleton} callbacks.
   */
  @Override
  public void afterSingletonsInstantiated() {
    startup().start();
    properties();
    for (String name : excluded) {
      if (!beanFactory.containsBean(name)) {
        LOG.warn("bud.track.exclude names '" + name + "', but there is no bean of that name");
      }
    }
    List<SmartInitializingSingleton> callbacks;
    synchronized (wrappedCallbacks) {
      callbacks = new ArrayList<>(wrappedCallbacks);
      wrappedCallbacks.clear();
    }
    for (SmartInitializingSingleton callback : callbacks) {
      callback.afterSingletonsInstantiated();
    }
  }

  /**
   * Shuts tracking down if this context configured it. Post-processors are destroyed after the
   * beans they processed, so calls that beans make while they close are still traced and
   * flushed.
   */
  @Override
  public void destroy() {
    TrackingStartup current = startup;
    if (current != null) {
      current.stop();
    }
  }

  /** Whether {@code type}, an interface that {@code bean} implements, has a usable wrapper. */
  private boolean hasWrapper(Class<?> type, Object bean) {
    return hasWrapper.computeIfAbsent(type, candidate -> probe(candidate, bean));
  }

  /**
   * Whether {@code Tracking.wrap} finds a generated wrapper for {@code type}: the runtime has no
   * way to ask but trying, so this wraps the first bean that implements it (nothing is called on
   * the bean) and the answer is cached per interface. Interfaces of the JDK and of Spring never
   * have one and are not tried.
   */
  private static boolean probe(Class<?> type, Object bean) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null
        || loader == ClassLoader.getPlatformClassLoader()
        || type.getName().startsWith("org.springframework.")) {
      return false;
    }
    try {
      wrap(type, bean);
      return true;
    } catch (IllegalArgumentException noWrapper) {
      return false;
    }
  }

  private BudProperties properties() {
    BudProperties bound = properties;
    if (bound == null) {
      synchronized (this) {
        bound = properties;
        if (bound == null) {
          bound = Binder.get(environment).bindOrCreate("bud", BudProperties.class);
          excluded = Set.copyOf(bound.getTrack().getExclude());
          if (!bound.getTrack().isWrapBeans()) {
            LOG.info("bud.track.wrap-beans=false: no bean is replaced by its traced view");
          }
          properties = bound;
        }
      }
    }
    return bound;
  }

  private TrackingStartup startup() {
    TrackingStartup current = startup;
    if (current == null) {
      synchronized (this) {
        current = startup;
        if (current == null) {
          current =
              new TrackingStartup(
                  beanFactory, properties(), environment.getProperty("spring.application.name"));
          startup = current;
        }
      }
    }
    return current;
  }

  /** One INFO line per bean name, however many instances a scope or a prototype creates. */
  private void leave(String beanName, Object bean, String reason) {
    if (!leftBeans.add(beanName)) {
      return;
    }
    LOG.info(
        "Bean '"
            + beanName
            + "' ("
            + bean.getClass().getName()
            + ") is left as it is, not traced: "
            + reason);
  }

  private static <I> Object wrap(Class<I> type, Object bean) {
    return Tracking.wrap(type, type.cast(bean));
  }
}
