package studio.bud.track.runtime.internal;

import java.util.concurrent.atomic.AtomicInteger;
import studio.bud.track.runtime.spi.ResultAdapter;
import studio.bud.track.runtime.spi.TracedResult;

/** Result types and the adapters {@code META-INF/services} lists for {@link AdaptedResultsTest}. */
final class TestAdapters {

  private TestAdapters() {}

  /** How many adapter instances the ServiceLoader created: once per configuration. */
  static final AtomicInteger LOADED = new AtomicInteger();

  /** A value result; the adapted one carries the handle so that a test can finish it. */
  static class Box {
    final String label;
    final TracedResult traced;

    Box(String label, TracedResult traced) {
      this.label = label;
      this.traced = traced;
    }

    @Override
    public String toString() {
      return "Box(" + label + ")";
    }
  }

  /** A subclass: never matched by the Box adapter, which matches exact classes only. */
  static final class SpecialBox extends Box {
    SpecialBox(String label) {
      super(label, null);
    }
  }

  /** A streamed result. */
  static final class Tape {
    final TracedResult traced;

    Tape(TracedResult traced) {
      this.traced = traced;
    }
  }

  /** A type whose adapter throws. */
  static final class Broken {}

  /** A type with no adapter at all. */
  static final class Plain {
    @Override
    public String toString() {
      return "Plain";
    }
  }

  public static final class BoxAdapter implements ResultAdapter<Box> {
    public BoxAdapter() {
      LOADED.incrementAndGet();
    }

    @Override
    public Class<?> resultType() {
      return Box.class;
    }

    @Override
    public Kind kind() {
      return Kind.VALUE;
    }

    @Override
    public Box adapt(Box result, TracedResult traced) {
      return new Box(result.label, traced);
    }
  }

  /** Claims Box too, after BoxAdapter: the first one found wins. */
  public static final class SecondBoxAdapter implements ResultAdapter<Box> {
    @Override
    public Class<?> resultType() {
      return Box.class;
    }

    @Override
    public Kind kind() {
      return Kind.STREAM;
    }

    @Override
    public Box adapt(Box result, TracedResult traced) {
      throw new AssertionError("the first adapter for Box wins");
    }
  }

  public static final class TapeAdapter implements ResultAdapter<Tape> {
    @Override
    public Class<?> resultType() {
      return Tape.class;
    }

    @Override
    public Kind kind() {
      return Kind.STREAM;
    }

    @Override
    public Tape adapt(Tape result, TracedResult traced) {
      return new Tape(traced);
    }
  }

  public static final class BrokenAdapter implements ResultAdapter<Broken> {
    @Override
    public Class<?> resultType() {
      return Broken.class;
    }

    @Override
    public Kind kind() {
      return Kind.VALUE;
    }

    @Override
    public Broken adapt(Broken result, TracedResult traced) {
      throw new IllegalStateException("adapter bug");
    }
  }
}
