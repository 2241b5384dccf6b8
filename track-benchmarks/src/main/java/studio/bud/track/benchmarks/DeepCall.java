package studio.bud.track.benchmarks;

/**
 * Calls {@link Assistant#refuse} at the bottom of a call chain deep enough that the exception it
 * throws has a stack trace of exactly the requested length. The padding is found on the first
 * call, by throwing once through the same path without padding, so that it counts every frame
 * between the caller and the throw: JMH's, the wrapper's, the implementation's.
 */
final class DeepCall {

  /** Frames to add below {@link #thrownBy}; found on the first call. */
  private int padding = -1;

  /** Calls {@code assistant.refuse} so that it throws from {@code frames} deep; returns what it threw. */
  Throwable thrownBy(Assistant assistant, String question, int frames) {
    if (padding < 0) {
      int unpadded = descend(assistant, question, 0).getStackTrace().length;
      if (unpadded > frames) {
        throw new IllegalStateException(
            "a stack of " + frames + " frames was asked for, but the call alone is " + unpadded);
      }
      padding = frames - unpadded;
    }
    return descend(assistant, question, padding);
  }

  private static Throwable descend(Assistant assistant, String question, int remaining) {
    if (remaining > 0) {
      return descend(assistant, question, remaining - 1);
    }
    try {
      assistant.refuse(question);
    } catch (IllegalArgumentException expected) {
      return expected;
    }
    throw new AssertionError("refuse returned");
  }
}
