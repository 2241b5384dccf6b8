package studio.bud.track.processor.wrap;

import studio.bud.track.Track;

/** A generic interface: its wrapper has a generic {@code wrap}, erased to {@code wrap(Box)}. */
public interface Box<T extends CharSequence> {
  @Track
  T open(T content);
}
