package studio.bud.track.processor;

import com.squareup.javapoet.MethodSpec;

/**
 * One method of the generated class: its declaration, and either nothing more (the call is only
 * forwarded) or the {@link SpanPlan} of the span it runs in.
 */
final class WrapperMethod {

  /**
   * The overriding declaration, without a body: the interface method's name, parameters and type
   * variables resolved as members of the wrapped interface, the result and checked exceptions
   * that fit every declaration it implements (a method inherited from unrelated interfaces can
   * have {@code String get()} in one and {@code Object get() throws IOException} in another), and
   * the annotations to carry over.
   */
  final MethodSpec declaration;
  /** {@code null} for a method that is only forwarded. */
  final SpanPlan span;

  WrapperMethod(MethodSpec declaration, SpanPlan span) {
    this.declaration = declaration;
    this.span = span;
  }

  boolean isTraced() {
    return span != null;
  }
}
