package studio.bud.track.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import studio.bud.track.runtime.internal.Repr;

/**
 * Rendering alone, no span: what {@link ArgumentLengthBenchmarks} spends on its inputs. The
 * 1000-character attribute of the ten-million-element list is about 240 numbers, each formatted
 * on its own; the JDK's own {@code List.toString()} of just those elements is the control for
 * how fast that text can be made.
 */
@State(Scope.Benchmark)
public class RenderingBenchmarks {

  private List<Integer> tenMillion;
  private List<Integer> renderedElements;
  private String thousandCharacters;

  @Setup(Level.Trial)
  public void setUp() {
    tenMillion = new ArrayList<>(10_000_000);
    for (int i = 0; i < 10_000_000; i++) {
      tenMillion.add(i & 127); // the same elements as ArgumentLengthBenchmarks
    }
    String rendered = Repr.of(tenMillion, 1000);
    int shown = rendered.split(", ", -1).length;
    renderedElements = new ArrayList<>(tenMillion.subList(0, shown));
    thousandCharacters = "abcdefghijklmnopqrstuvwxyz".repeat(40).substring(0, 1000);
  }

  /** {@code Repr.of} of the ten-million-element list, cut at 1000 characters. */
  @Benchmark
  public String reprOfList10M() {
    return Repr.of(tenMillion, 1000);
  }

  /** The JDK's {@code toString()} of only the elements that fit in those 1000 characters. */
  @Benchmark
  public String jdkToStringOfRenderedElements() {
    return renderedElements.toString();
  }

  /** {@code Repr.of} of the 1000-character string. */
  @Benchmark
  public String reprOf1000Chars() {
    return Repr.of(thousandCharacters, 1000);
  }
}
