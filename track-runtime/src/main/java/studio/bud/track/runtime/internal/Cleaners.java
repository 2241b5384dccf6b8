package studio.bud.track.runtime.internal;

import java.lang.ref.Cleaner;

/**
 * The one cleaner thread of the runtime, started only once a streamed or asynchronous result is
 * traced. It ends the spans of results that became unreachable before they finished.
 */
final class Cleaners {

  private Cleaners() {}

  static Cleaner get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final Cleaner INSTANCE = Cleaner.create();
  }
}
