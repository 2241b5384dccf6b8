package studio.bud.track.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.CustomScopeConfigurer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.support.SimpleThreadScope;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.EnableAsync;
import studio.bud.track.runtime.Tracking;
import studio.bud.track.spring.boot.TestBeans.ApplicationOpenTelemetry;
import studio.bud.track.spring.boot.TestBeans.AssistantAndRetriever;
import studio.bud.track.spring.boot.TestBeans.EchoAssistant;
import studio.bud.track.spring.boot.TestBeans.EchoChatAssistant;
import studio.bud.track.spring.boot.TestBeans.OneAssistant;
import studio.bud.track.spring.boot.TestBeans.PackagePrivateGreeter;
import studio.bud.track.spring.boot.TestBeans.RunnableAssistant;

/** Which beans the starter replaces by their traced view, which it leaves, and the INFO lines. */
class BeanWrappingTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(TrackingAutoConfiguration.class))
          .withUserConfiguration(ApplicationOpenTelemetry.class);

  @AfterEach
  void turnTrackingOff() {
    Tracking.shutdown();
  }

  @Test
  void aBeanOfASubInterfaceIsWrappedAsItAndInjectableByBoth() {
    runner
        .withBean("chat", EchoChatAssistant.class)
        .run(
            context -> {
              assertThat(context.getBean(ChatAssistant.class)).isInstanceOf(TracedChatAssistant.class);
              assertThat(context.getBean(Assistant.class)).isSameAs(context.getBean(ChatAssistant.class));
              context.getBean(ChatAssistant.class).chat("hi");
              assertThat(spanNames(context.getBean(InMemorySpanExporter.class)))
                  .containsExactly("ChatAssistant.chat");
            });
  }

  @Test
  void wrapBeansFalseLeavesEveryBeanAsItIsWithOneInfoLine() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withUserConfiguration(OneAssistant.class)
          .withBean("chat", EchoChatAssistant.class)
          .withPropertyValues("bud.track.wrap-beans=false")
          .run(
              context -> {
                assertThat(context.getBean("assistant")).isInstanceOf(EchoAssistant.class);
                assertThat(context.getBean("chat")).isInstanceOf(EchoChatAssistant.class);
                assertThat(Tracking.isConfigured()).as("tracing is still configured").isTrue();
              });
      assertThat(logs.messages(Level.INFO, "bud.track.wrap-beans")).hasSize(1);
      assertThat(logs.messages(Level.INFO, "is left as it is")).isEmpty();
    }
  }

  @Test
  void excludedBeansAreLeftAsTheyAreAndAnUnknownNameIsWarnedAbout() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withUserConfiguration(OneAssistant.class)
          .withBean("chat", EchoChatAssistant.class)
          .withPropertyValues("bud.track.exclude=assistant,nosuchbean")
          .run(
              context -> {
                assertThat(context.getBean("assistant")).isInstanceOf(EchoAssistant.class);
                assertThat(context.getBean("chat")).isInstanceOf(TracedChatAssistant.class);
              });
      assertThat(logs.messages(Level.INFO, "is left as it is"))
          .containsExactly(
              "Bean 'assistant' ("
                  + EchoAssistant.class.getName()
                  + ") is left as it is, not traced: it is named in bud.track.exclude");
      assertThat(logs.messages(Level.WARNING))
          .containsExactly("bud.track.exclude names 'nosuchbean', but there is no bean of that name");
    }
  }

  @Test
  void aBeanWithTwoTrackedInterfacesIsLeftAsItIs() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withBean("both", AssistantAndRetriever.class)
          .run(context -> assertThat(context.getBean("both")).isInstanceOf(AssistantAndRetriever.class));
      assertThat(logs.messages(Level.INFO, "is left as it is"))
          .containsExactly(
              "Bean 'both' ("
                  + AssistantAndRetriever.class.getName()
                  + ") is left as it is, not traced: it implements several tracked interfaces ("
                  + Assistant.class.getName()
                  + ", "
                  + Retriever.class.getName()
                  + ") and a traced view implements only one");
    }
  }

  @Test
  void aBeanThatAlsoImplementsAnotherInterfaceIsLeftAsItIs() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withBean("runnable", RunnableAssistant.class)
          .run(
              context -> {
                assertThat(context.getBean("runnable")).isInstanceOf(RunnableAssistant.class);
                assertThat(context.getBean(Runnable.class)).isSameAs(context.getBean("runnable"));
              });
      assertThat(logs.messages(Level.INFO, "is left as it is"))
          .containsExactly(
              "Bean 'runnable' ("
                  + RunnableAssistant.class.getName()
                  + ") is left as it is, not traced: it also implements java.lang.Runnable, which"
                  + " the traced view of "
                  + Assistant.class.getName()
                  + " would not implement (injection by it would break)");
    }
  }

  @Test
  void aBeanOfANonPublicInterfaceIsLeftAsItIs() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withBean("greeter", PackagePrivateGreeter.class)
          .run(context -> assertThat(context.getBean("greeter")).isInstanceOf(PackagePrivateGreeter.class));
      assertThat(logs.messages(Level.INFO, "is left as it is"))
          .singleElement()
          .asString()
          .startsWith("Bean 'greeter' (" + PackagePrivateGreeter.class.getName() + ")")
          .contains(Greeter.class.getName() + " is not public");
    }
  }

  @Test
  void springCallbackInterfacesDoNotKeepABeanFromBeingWrappedAndStillWork() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withBean("callbacks", CallbackAssistant.class)
          .run(
              context -> {
                assertThat(context.getBean(Assistant.class)).isInstanceOf(TracedAssistant.class);
                CallbackAssistant original = CallbackAssistant.last;
                assertThat(original.name).isEqualTo("callbacks");
                assertThat(original.initialized).isTrue();
                assertThat(original.afterSingletons).as("afterSingletonsInstantiated calls").hasValue(1);
              });
      assertThat(CallbackAssistant.last.destroyed).isTrue();
      assertThat(logs.messages(Level.INFO, "is left as it is")).isEmpty();
    }
  }

  @ParameterizedTest(name = "proxyTargetClass={0}")
  @ValueSource(booleans = {false, true})
  void aBeanProxiedByAnOrderedPostProcessorIsWrappedAroundItsProxy(boolean proxyTargetClass) {
    runner
        .withConfiguration(AutoConfigurations.of(LateProxies.class))
        .withUserConfiguration(OneAssistant.class)
        .withPropertyValues("test.proxy-target-class=" + proxyTargetClass)
        .run(
            context -> {
              Assistant assistant = context.getBean(Assistant.class);
              assertThat(assistant).isInstanceOf(TracedAssistant.class);
              assertThat(assistant.ask("why?")).isEqualTo("answer to why?");
              assertThat(context.getBean(CountingProxies.class).calls)
                  .as("calls through the proxy inside the traced view")
                  .hasValue(1);
              assertThat(spanNames(context.getBean(InMemorySpanExporter.class)))
                  .containsExactly("Assistant.ask");
            });
  }

  @Test
  void springsAsyncProxyBecomesTheDelegate() throws Exception {
    runner
        .withUserConfiguration(AsyncNotifierConfiguration.class)
        .run(
            context -> {
              Notifier notifier = context.getBean(Notifier.class);
              assertThat(notifier).isInstanceOf(TracedNotifier.class);
              AsyncNotifier target = context.getBean(AsyncNotifierConfiguration.class).target;

              notifier.send("hello");

              assertThat(target.sent.await(10, TimeUnit.SECONDS)).isTrue();
              assertThat(target.thread)
                  .as("@Async ran it on another thread: the traced view called Spring's proxy")
                  .isNotSameAs(Thread.currentThread());
              assertThat(spanNames(context.getBean(InMemorySpanExporter.class)))
                  .containsExactly("Notifier.send");
            });
  }

  @Test
  void aTrackedBeanInACircularReferenceIsTheSameTracedViewEverywhere() {
    runner
        .withAllowCircularReferences(true)
        .withBean("assistant", CyclicAssistant.class)
        // Lazy, so that the assistant is created first and Partner gets its early reference.
        .withBean(Partner.class, Partner::new, definition -> definition.setLazyInit(true))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Assistant assistant = context.getBean(Assistant.class);
              assertThat(assistant).isInstanceOf(TracedAssistant.class);
              assertThat(context.getBean(Partner.class).assistant).isSameAs(assistant);
              assertThat(((CyclicAssistant) CyclicAssistant.last).partner)
                  .isSameAs(context.getBean(Partner.class));

              context.getBean(Partner.class).assistant.ask("why?");
              assertThat(spanNames(context.getBean(InMemorySpanExporter.class)))
                  .containsExactly("Assistant.ask");
            });
  }

  @Test
  void aScopedBeanIsTracedOnceThroughItsTargetNotItsProxy() {
    try (LogCapture logs = LogCapture.start()) {
      runner
          .withUserConfiguration(ThreadScopedAssistant.class)
          .run(
              context -> {
                Assistant assistant = context.getBean(Assistant.class);
                assertThat(AopUtils.isAopProxy(assistant)).as("the scoped proxy").isTrue();
                assertThat(assistant.ask("why?")).isEqualTo("answer to why?");
                assertThat(spanNames(context.getBean(InMemorySpanExporter.class)))
                    .containsExactly("Assistant.ask");
              });
      assertThat(logs.messages(Level.INFO, "is left as it is")).isEmpty();
    }
  }

  /** An assistant in a thread scope, reached through an interface-based scoped proxy. */
  @Configuration(proxyBeanMethods = false)
  static class ThreadScopedAssistant {

    @Bean
    static CustomScopeConfigurer threadScope() {
      CustomScopeConfigurer configurer = new CustomScopeConfigurer();
      configurer.addScope("thread", new SimpleThreadScope());
      return configurer;
    }

    @Bean
    @Scope(scopeName = "thread", proxyMode = ScopedProxyMode.INTERFACES)
    EchoAssistant assistant() {
      return new EchoAssistant();
    }
  }

  /** Depends on {@link Partner}, which depends on it: a cycle. */
  static class CyclicAssistant implements Assistant {
    static volatile Assistant last;

    @Autowired Partner partner;

    CyclicAssistant() {
      last = this;
    }

    @Override
    public String ask(String question) {
      return "answer";
    }
  }

  static class Partner {
    @Autowired Assistant assistant;
  }

  private static List<String> spanNames(InMemorySpanExporter exporter) {
    return exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList();
  }

  /** Implements Spring's callbacks and {@code Serializable} beside its tracked interface. */
  static class CallbackAssistant
      implements Assistant,
          Serializable,
          BeanNameAware,
          InitializingBean,
          DisposableBean,
          SmartInitializingSingleton {
    private static final long serialVersionUID = 1L;
    static volatile CallbackAssistant last;

    transient String name;
    transient boolean initialized;
    transient boolean destroyed;
    final transient AtomicInteger afterSingletons = new AtomicInteger();

    CallbackAssistant() {
      last = this;
    }

    @Override
    public String ask(String question) {
      return "answer";
    }

    @Override
    public void setBeanName(String name) {
      this.name = name;
    }

    @Override
    public void afterPropertiesSet() {
      initialized = true;
    }

    @Override
    public void afterSingletonsInstantiated() {
      afterSingletons.incrementAndGet();
    }

    @Override
    public void destroy() {
      destroyed = true;
    }
  }

  /**
   * Proxies the {@code assistant} bean the way Spring's ordered proxy creators do (JDK or CGLIB),
   * counting the calls through the proxy. Ordered with the lowest precedence, as Spring's own are.
   */
  static final class CountingProxies implements BeanPostProcessor, Ordered {
    final AtomicInteger calls = new AtomicInteger();
    private final boolean proxyTargetClass;

    CountingProxies(boolean proxyTargetClass) {
      this.proxyTargetClass = proxyTargetClass;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
      if (!beanName.equals("assistant")) {
        return bean;
      }
      ProxyFactory factory = new ProxyFactory(bean);
      factory.setProxyTargetClass(proxyTargetClass);
      factory.addAdvice(
          (MethodInterceptor)
              invocation -> {
                calls.incrementAndGet();
                return invocation.proceed();
              });
      Object proxy = factory.getProxy();
      assertThat(proxyTargetClass ? AopUtils.isCglibProxy(proxy) : AopUtils.isJdkDynamicProxy(proxy))
          .isTrue();
      return proxy;
    }

    @Override
    public int getOrder() {
      return Ordered.LOWEST_PRECEDENCE;
    }
  }

  /**
   * Registers {@link CountingProxies} after the starter's post-processor: with the same order
   * value, Spring would apply them in that order, so only the starter staying out of the ordered
   * post-processors puts the proxy inside the traced view.
   */
  @AutoConfiguration(after = TrackingAutoConfiguration.class)
  static class LateProxies {

    @Bean
    static CountingProxies countingProxies(Environment environment) {
      return new CountingProxies(
          environment.getRequiredProperty("test.proxy-target-class", Boolean.class));
    }
  }

  @Configuration(proxyBeanMethods = false)
  @EnableAsync
  static class AsyncNotifierConfiguration {
    final AsyncNotifier target = new AsyncNotifier();

    @Bean
    AsyncNotifier notifier() {
      return target;
    }
  }

  static class AsyncNotifier implements Notifier {
    final CountDownLatch sent = new CountDownLatch(1);
    volatile Thread thread;

    @Async
    @Override
    public void send(String message) {
      thread = Thread.currentThread();
      sent.countDown();
    }
  }
}
