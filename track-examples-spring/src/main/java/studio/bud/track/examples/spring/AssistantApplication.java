package studio.bud.track.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot web application traced with {@code track-spring-boot-starter}: no wrap call and no
 * configure call. Spring Boot's OpenTelemetry support provides the SDK (and the HTTP server span);
 * the starter traces the {@link Assistant} bean with it.
 */
@SpringBootApplication
public class AssistantApplication {

  /** Created by Spring. */
  public AssistantApplication() {}

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(AssistantApplication.class, args);
  }
}
