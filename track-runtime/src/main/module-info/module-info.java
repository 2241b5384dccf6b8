/**
 * track's runtime as a JPMS module. An application module needs only {@code requires
 * studio.bud.track.runtime;}: the annotations ({@code studio.bud.track}) and the OpenTelemetry
 * API and context that generated code uses come with it ({@code requires transitive}). The SDK
 * and its autoconfigure module are optional, as on the class path: {@code Tracking.configure()}
 * uses them only when the application has them (and, in a module application, requires them).
 *
 * <p>{@code studio.bud.track.runtime.internal} is exported for generated code only; it is not an
 * API. {@code studio.bud.track.runtime.spi} is the contract of result adapters (such as
 * track-langchain4j and track-reactor), which the runtime finds with {@link java.util.ServiceLoader}.
 */
module studio.bud.track.runtime {
  requires transitive studio.bud.track;
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.context;
  requires static io.opentelemetry.sdk;
  requires static io.opentelemetry.sdk.common;
  requires static io.opentelemetry.sdk.trace;
  requires static io.opentelemetry.sdk.autoconfigure;
  requires static io.opentelemetry.sdk.autoconfigure.spi;

  exports studio.bud.track.runtime;
  exports studio.bud.track.runtime.internal;
  exports studio.bud.track.runtime.spi;

  uses studio.bud.track.runtime.spi.ResultAdapter;
}
