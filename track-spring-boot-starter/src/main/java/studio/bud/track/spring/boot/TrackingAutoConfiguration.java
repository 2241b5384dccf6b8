package studio.bud.track.spring.boot;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Spring Boot auto-configuration of track: configures tracing at startup, from the application's
 * {@code OpenTelemetry} bean when it has exactly one (or one {@code @Primary}), otherwise from the
 * {@code bud.*} properties ({@link BudProperties}); replaces every bean that implements exactly one
 * tracked interface by its generated traced view; and shuts tracing down when the context that
 * configured it closes.
 *
 * <p>No AOP is involved: the traced view is the {@code Traced*} class that the annotation processor
 * generated, obtained through {@code Tracking.wrap(Class, Object)}.
 */
@AutoConfiguration
@EnableConfigurationProperties(BudProperties.class)
public class TrackingAutoConfiguration {

  /** Creates the auto-configuration; Spring does. */
  public TrackingAutoConfiguration() {}

  /**
   * The post-processor that configures tracking and wraps tracked beans. Static, as Spring asks of
   * post-processor factory methods, so that it does not make this configuration class an early
   * bean.
   */
  @Bean
  @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
  static TrackedBeanPostProcessor trackedBeanPostProcessor(Environment environment) {
    return new TrackedBeanPostProcessor(environment);
  }
}
