/**
 * A traced JPMS application. Of track it requires the runtime only: the annotations and
 * OpenTelemetry's API come with it, and the generated code needs nothing from java.compiler.
 */
module com.example.jpms {
  requires studio.bud.track.runtime;
}
