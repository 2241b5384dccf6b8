/**
 * The OpenTelemetry Java agent extension the agent comparison runs with: a span exporter that
 * discards. The build packs this package alone into {@code target/agent/*-agent-extension.jar}.
 */
package studio.bud.track.benchmarks.agentextension;
