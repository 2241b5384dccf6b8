package studio.bud.track.benchmarks;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import studio.bud.track.runtime.Tracking;

/**
 * Tracing on, as in {@link TracingOn}, with or without a masker: {@code masker = none} is the
 * default path (whose cost must not change), {@code identity} one that returns what it is given.
 */
@State(Scope.Benchmark)
public class OptionsOn {

  @Param({"none", "identity"})
  public String masker;

  /** {@code TracedAssistant}, as in comparison 5. */
  public Assistant wrapper;

  /** {@code TracedModelAssistant}: one {@code @Track.Attribute}. */
  public ModelAssistant attributeWrapper;

  /** The same spans written by hand. */
  public ModelAssistant attributeHand;

  private OpenTelemetrySdk sdk;

  @Setup(Level.Trial)
  public void setUp() {
    sdk = BenchmarkSdk.create();
    Tracking.configure(sdk);
    if (!Tracking.isConfigured()) {
      throw new IllegalStateException("Tracking.configure did not turn tracing on");
    }
    if (masker.equals("identity")) {
      Tracking.setMasker((key, rendered) -> rendered);
    }
    wrapper = TracedAssistant.wrap(new LocalAssistant());
    ModelAssistant local = (model, question) -> "Paris, says " + model;
    attributeWrapper = TracedModelAssistant.wrap(local);
    attributeHand = new HandAttributeAssistant(local, sdk);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    Tracking.setMasker(null);
    Tracking.shutdown();
    sdk.close();
  }
}
