package studio.bud.track.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Bounded rendering: {@link Assistant#measure} with a string of 16, 1000 and 100000 characters and
 * a list of ten million elements (and, as the control, of a thousand). Every input is cut to the 1000-character attribute limit, so
 * the traced cost should barely grow with the input.
 */
@State(Scope.Benchmark)
public class ArgumentLengthBenchmarks {

  /** The value of {@link #input} that stands for the ten-million-element list. */
  public static final String LIST = "list10M";

  /**
   * A thousand-element list of the same numbers: the control that shows rendering is bounded (it
   * renders the same first elements as {@value #LIST}).
   */
  public static final String SHORT_LIST = "list1000";

  /** A string length in characters, or a list. */
  @Param({"16", "1000", "100000", SHORT_LIST, LIST})
  public String input;

  private Object argument;

  @Setup(Level.Trial)
  public void setUp() {
    if (input.startsWith("list")) {
      int size = LIST.equals(input) ? 10_000_000 : 1000;
      List<Integer> list = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        // Integer.valueOf's cached boxes: 40 MB of list, not 200 MB of Integers, so that no
        // collector work on a huge live set blurs what is measured, the rendering.
        list.add(i & 127);
      }
      argument = list;
    } else {
      int length = Integer.parseInt(input);
      StringBuilder text = new StringBuilder(length);
      for (int i = 0; i < length; i++) {
        text.append((char) ('a' + i % 26));
      }
      argument = text.toString();
    }
  }

  /** The generated wrapper, tracing on. */
  @Benchmark
  public int wrapperOn(TracingOn on) {
    return on.wrapper.measure(argument);
  }

  /** Hand-written OpenTelemetry code doing the same work. */
  @Benchmark
  public int handSdk(TracingOn on) {
    return on.hand.measure(argument);
  }
}
