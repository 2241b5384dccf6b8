package studio.bud.track.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;

/**
 * The options of issue 13 on the hot path: the masker ({@code OptionsOn.masker = none} against
 * {@code CallBenchmarks.wrapperOn} shows that an unset masker costs nothing measurable; {@code
 * identity} what a trivial one costs) and {@code @Track.Attribute} against the same attribute set
 * by hand on the span builder.
 */
public class OptionsBenchmarks {

  /** {@code Assistant.ask} through the wrapper, with the state's masker. */
  @Benchmark
  public String wrapperWithMasker(OptionsOn on, Arguments args) {
    return on.wrapper.ask(args.question, args.maxTokens);
  }

  /** One {@code @Track.Attribute} through the generated wrapper. */
  @Benchmark
  public String attributeWrapper(OptionsOn on, Arguments args) {
    return on.attributeWrapper.chat(args.model, args.question);
  }

  /** The same attribute and spans, written by hand. */
  @Benchmark
  public String attributeHand(OptionsOn on, Arguments args) {
    return on.attributeHand.chat(args.model, args.question);
  }
}
