package studio.bud.track.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeepCallTest {

  private final Assistant assistant = new ForwardingAssistant(new LocalAssistant());

  @Test
  void theThrownExceptionHasExactlyTheRequestedNumberOfFrames() {
    DeepCall call = new DeepCall();
    for (int i = 0; i < 3; i++) { // the padding found on the first call holds for the next
      Throwable thrown = call.thrownBy(assistant, "why?", 1000);
      assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessage(LocalAssistant.REFUSAL);
      assertThat(thrown.getStackTrace()).hasSize(1000);
      assertThat(thrown.getStackTrace()[0].getClassName()).isEqualTo(LocalAssistant.class.getName());
    }
    // JUnit and surefire are already 80-odd frames deep here; under JMH a benchmark is about 15.
    assertThat(new DeepCall().thrownBy(assistant, "why?", 200).getStackTrace()).hasSize(200);
  }

  @Test
  void aDepthShallowerThanTheCallItselfIsRefused() {
    assertThatThrownBy(() -> new DeepCall().thrownBy(assistant, "why?", 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2 frames");
  }
}
