/**
 * The annotation processor that generates a {@code Traced<Interface>} wrapper for every interface
 * with {@code @Track} methods. Nothing here is API: {@link
 * studio.bud.track.processor.TrackProcessor} is public only so that javac can load it.
 *
 * <h2>How the processor is built</h2>
 *
 * <ol>
 *   <li>{@code TrackProcessor} walks each round: {@code TrackedInterfaces} finds the interfaces,
 *       and one whose signatures use a type not generated yet waits for a later round.
 *   <li>{@code TracedInterfaceReader.read} validates one interface into the model, in this order:
 *       {@code InterfaceChecks}, {@code InheritedMethods}, {@code EffectiveTrack}, {@code
 *       TrackValueChecks}, {@code ResultTypes}, {@code Declarations}.
 *   <li>Every problem goes to {@code Problems}, which decides where it is reported; any error
 *       stops that interface only.
 *   <li>The model, {@code TracedInterface} of {@code WrapperMethod}s with their {@code
 *       SpanPlan}s, holds resolved values only: no annotation mirrors, no {@code Types}.
 *   <li>{@code TracedClassWriter} writes the model with JavaPoet, step by step ({@code
 *       DescriptorField} for each traced method's static descriptor), and never reports.
 * </ol>
 *
 * <p>Where to start:
 *
 * <ul>
 *   <li>A new {@code @Track} setting: read it in {@code TrackSettings}, check it in {@code
 *       TrackValueChecks}, resolve it into {@code SpanPlan} (in {@code
 *       TracedInterfaceReader.spanPlan}), and emit it in {@code DescriptorField}.
 *   <li>A new rule: a check in {@code InterfaceChecks} (about elements) or {@code
 *       TrackValueChecks} (about annotation values), reporting a new constant of {@code
 *       Messages}.
 *   <li>A new result kind: a constant of {@code ReturnKind}, decided in {@code
 *       ResultTypes.kindOf}, and its case in {@code TracedClassWriter.addSpanEnd}.
 * </ul>
 */
package studio.bud.track.processor;
