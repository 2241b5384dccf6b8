package studio.bud.track.processor.wrap;

import studio.bud.track.Track;

/**
 * Loaded by {@code WrapByInterfaceTest}'s own class loader, which hides the wrapper until told
 * otherwise, to show that the lookup happens once.
 */
public interface LateWrapper {
  @Track
  String value();
}
