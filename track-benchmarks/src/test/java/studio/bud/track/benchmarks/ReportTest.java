package studio.bud.track.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ReportTest {

  /** JMH matches includes with find(), as the Report's patterns expect. */
  @Test
  void theClosePairsAreExactlyTheOneThreadCallAndSampledOutComparisons() {
    Pattern closePairs = Pattern.compile(Report.CLOSE_PAIRS);
    List<String> names =
        List.of(
            "CallBenchmarks.direct", "CallBenchmarks.forwarding", "CallBenchmarks.wrapperOff",
            "CallBenchmarks.wrapperOn", "CallBenchmarks.handSdk", "CallBenchmarks.handNoop",
            "CallBenchmarks.proxyOn", "SampledOutBenchmarks.off", "SampledOutBenchmarks.hand",
            "SampledOutBenchmarks.wrapper", "OptionsBenchmarks.wrapperWithMasker");

    List<String> matched =
        names.stream()
            .filter(name -> closePairs.matcher("studio.bud.track.benchmarks." + name).find())
            .collect(Collectors.toList());

    assertThat(matched)
        .containsExactly(
            "CallBenchmarks.forwarding", "CallBenchmarks.wrapperOff", "CallBenchmarks.wrapperOn",
            "CallBenchmarks.handSdk", "SampledOutBenchmarks.hand", "SampledOutBenchmarks.wrapper");
  }

  @Test
  void theListPairIsTheWrapperWithListArgumentsOnly() {
    Pattern listPair = Pattern.compile(Report.LIST_PAIR);

    assertThat(listPair.matcher("studio.bud.track.benchmarks.ArgumentLengthBenchmarks.wrapperOn").find()).isTrue();
    assertThat(listPair.matcher("studio.bud.track.benchmarks.ArgumentLengthBenchmarks.handSdk").find()).isFalse();
    assertThat(listPair.matcher("studio.bud.track.benchmarks.CallBenchmarks.wrapperOn").find()).isFalse();
  }
}
