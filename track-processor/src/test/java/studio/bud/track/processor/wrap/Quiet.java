package studio.bud.track.processor.wrap;

import studio.bud.track.Track;

/** A package-private interface: its wrapper is package-private too. */
interface Quiet {
  @Track
  String whisper(String word);
}
