/**
 * The {@code @Track} annotation as a JPMS module. Applications rarely name it: {@code requires
 * studio.bud.track.runtime;} brings it along.
 */
module studio.bud.track {
  exports studio.bud.track;
}
