package studio.bud.track.processor.wrap;

import studio.bud.track.Track;

/** Holds an interface nested two levels deep: its wrapper is {@code TracedCatalog_Shelf_Slot}. */
public final class Catalog {

  private Catalog() {}

  /** The middle level; not tracked itself. */
  public interface Shelf {

    /** The tracked nested interface. */
    interface Slot {
      @Track
      String label(int position);
    }
  }
}
