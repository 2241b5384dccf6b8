package studio.bud.track.benchmarks;

import java.util.Locale;

/**
 * One measured benchmark: its short name ({@code CallBenchmarks.wrapperOn}), its {@code @Param}
 * value (empty when it has none), the thread count, the median time per operation over every
 * measured iteration of every fork ({@code nanos}, what the ratios use), the mean of the same
 * iterations with its 99.9% confidence interval, and the bytes allocated per operation from JMH's
 * {@code gc} profiler ({@link Double#NaN} when that was not measured).
 *
 * <p>Ratios use the median because this machine is shared: a burst of another process's work
 * lands in one or two iterations and drags a mean, not a median.
 */
public record Measurement(
    String benchmark,
    String param,
    int threads,
    double nanos,
    double mean,
    double error,
    double bytes) {

  /** How measurements are looked up: {@code name}, {@code name[param]}, then {@code @threads}. */
  public static String key(String benchmark, String param, int threads) {
    return benchmark + (param.isEmpty() ? "" : "[" + param + "]") + "@" + threads;
  }

  public String key() {
    return key(benchmark, param, threads);
  }

  /** {@code CallBenchmarks.wrapperOn}, or {@code ArgumentLengthBenchmarks.wrapperOn[1000]}. */
  public String label() {
    return benchmark + (param.isEmpty() ? "" : " [" + param + "]");
  }

  static String format(double value) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    double magnitude = Math.abs(value);
    if (magnitude < 0.005) {
      return "0.00"; // not "-0.00" for a difference that is noise around nothing
    }
    String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
    return String.format(Locale.ROOT, pattern, value);
  }
}
