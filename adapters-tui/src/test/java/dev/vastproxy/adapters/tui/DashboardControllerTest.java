package dev.vastproxy.adapters.tui;

import static dev.vastproxy.adapters.tui.TestFleets.QUIET;
import static dev.vastproxy.adapters.tui.TestFleets.at;
import static dev.vastproxy.adapters.tui.TestFleets.healthy;
import static dev.vastproxy.adapters.tui.TestFleets.sglang;
import static dev.vastproxy.adapters.tui.TestFleets.view;
import static dev.vastproxy.adapters.tui.TestFleets.vllm;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import dev.vastproxy.application.port.in.FleetView;
import dev.vastproxy.application.port.in.InstanceResult;
import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.fleet.ActionOutcome;
import dev.vastproxy.domain.instance.InstanceId;
import dev.vastproxy.domain.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DashboardControllerTest {
  private final MutableClock clock = new MutableClock(at(0));
  private final FakeFleetActions actions = new FakeFleetActions();
  private final AtomicInteger quits = new AtomicInteger();
  private volatile FleetView fleet =
      view(
          at(0),
          QUIET,
          List.of(
              healthy(sglang(1), at(-5)), healthy(sglang(2), at(-5)), healthy(vllm(3), at(-5))));
  private final DashboardController controller =
      new DashboardController(() -> fleet, actions, actions, quits::incrementAndGet, clock);

  private static KeyStroke key(char c) {
    return new KeyStroke(c, false, false);
  }

  private void press(char... keys) {
    for (char c : keys) {
      controller.onKey(key(c));
    }
  }

  private static InstanceResult ok(long id) {
    return new InstanceResult(new InstanceId(id), ActionOutcome.ok("destroyed"));
  }

  private static InstanceResult failed(long id, String why) {
    return new InstanceResult(new InstanceId(id), ActionOutcome.failed(why));
  }

  @Test
  void destroyThenNoDestroysNothing() {
    press('d');
    assertThat(controller.state().prompt()).isEqualTo(Prompt.DESTROY_ALL);

    press('n');

    assertThat(actions.destroys).hasValue(0);
    assertThat(controller.state().prompt()).isEqualTo(Prompt.NONE);
    assertThat(controller.state().notice().map(Notice::text))
        .contains("destroy all cancelled: nothing was destroyed");
  }

  @Test
  void anyKeyButYesCancelsTheQuestion() {
    press('d');
    controller.onKey(new KeyStroke(KeyType.Escape));
    press('d');
    controller.onKey(new KeyStroke('y', true, false));

    assertThat(actions.destroys).hasValue(0);
    assertThat(controller.state().prompt()).isEqualTo(Prompt.NONE);
  }

  @Test
  void destroyThenYesDestroysOnceAndReportsEachFailure() {
    press('d', 'y');

    assertThat(actions.destroys).hasValue(1);
    assertThat(controller.state().activity()).contains("destroying 3 instances...");
    press('y', 'y');
    assertThat(actions.destroys).hasValue(1);

    actions.destroyResult.complete(List.of(ok(1), failed(2, "HTTP 500"), ok(3)));

    UiState after = controller.state();
    assertThat(after.activity()).isEmpty();
    assertThat(after.notice())
        .contains(
            new Notice(
                "destroyed 2 of 3 instances; #2: HTTP 500",
                true,
                at(0).plus(DashboardController.FAILURE_NOTICE_TIME)));
  }

  @Test
  void abortThenYesAbortsAndTheResultFadesAfterAFewSeconds() {
    press('a');
    assertThat(controller.state().prompt()).isEqualTo(Prompt.ABORT_ALL);
    press('Y');
    assertThat(actions.aborts).hasValue(1);
    assertThat(controller.state().activity())
        .contains("aborting all requests on the SGLang backends...");

    actions.abortResult.complete(List.of(ok(1), ok(2)));
    assertThat(controller.state().notice().map(Notice::text))
        .contains("aborted on 2 of 2 backends");
    assertThat(controller.state().notice().map(Notice::failure)).contains(false);

    clock.advance(DashboardController.NOTICE_TIME.minusMillis(1));
    assertThat(controller.state().notice()).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(controller.state().notice()).isEmpty();
  }

  @Test
  void abortThenNoAbortsNothing() {
    press('a', 'n');
    assertThat(actions.aborts).hasValue(0);
    assertThat(controller.state().notice().map(Notice::text)).contains("abort all cancelled");
  }

  @Test
  void abortIsNotOfferedWithoutSglang() {
    fleet = view(at(0), QUIET, List.of(healthy(vllm(3), at(-5))));

    press('a');
    assertThat(controller.state().prompt()).isEqualTo(Prompt.NONE);
    press('y');
    assertThat(actions.aborts).hasValue(0);
  }

  @Test
  void saysWhenThereIsNothingToDestroy() {
    fleet = view(at(0), QUIET, List.<Backend>of());

    press('d');

    assertThat(controller.state().prompt()).isEqualTo(Prompt.NONE);
    assertThat(controller.state().notice().map(Notice::text))
        .contains("destroy all: no instance to destroy");
  }

  @Test
  void refusesASecondActionWhileOneRuns() {
    press('d', 'y', 'a');

    assertThat(controller.state().prompt()).isEqualTo(Prompt.NONE);
    assertThat(controller.state().notice().map(Notice::text))
        .contains("wait: the last action is still running");
  }

  @Test
  void reportsAnActionThatFailsAsAWhole() {
    press('d', 'y');
    actions.destroyResult.completeExceptionally(new IllegalStateException("vast.ai unreachable"));

    assertThat(controller.state().notice().map(Notice::text))
        .contains("destroy all failed: vast.ai unreachable");
    assertThat(controller.state().busy()).isFalse();
  }

  @Test
  void reportsAnActionThatThrowsWhenStarted() {
    DashboardController throwing =
        new DashboardController(
            () -> fleet,
            () -> {
              throw new IllegalStateException("boom");
            },
            () -> CompletableFuture.completedFuture(List.of()),
            () -> {},
            clock);
    throwing.onKey(key('a'));
    throwing.onKey(key('y'));
    assertThat(throwing.state().notice().map(Notice::text)).contains("abort all failed: boom");

    throwing.onKey(key('d'));
    throwing.onKey(key('y'));
    assertThat(throwing.state().notice().map(Notice::text))
        .contains("destroy all: no instance to destroy");
  }

  @Test
  void quitsOnceOnQOrControlC() {
    press('x', 'q');
    assertThat(quits).hasValue(1);
    assertThat(controller.state().activity()).contains("quitting...");

    press('Q');
    controller.onKey(new KeyStroke('c', true, false));
    assertThat(quits).hasValue(1);
  }

  @Test
  void controlCQuitsToo() {
    controller.onKey(new KeyStroke('c', true, false));
    assertThat(quits).hasValue(1);
  }

  @Test
  void qAnswersAQuestionInsteadOfQuitting() {
    press('d', 'q');
    assertThat(quits).hasValue(0);
    assertThat(actions.destroys).hasValue(0);
  }

  @Test
  void scrollsWithArrowsJkPagesAndEndsWithinTheLastFrame() {
    controller.fitted(new Frame(new TextGrid(1, 1), 0, 30, 10));

    press('j', 'j');
    controller.onKey(new KeyStroke(KeyType.ArrowDown));
    assertThat(controller.state().scroll()).isEqualTo(3);
    press('k');
    controller.onKey(new KeyStroke(KeyType.ArrowUp));
    assertThat(controller.state().scroll()).isEqualTo(1);
    controller.onKey(new KeyStroke(KeyType.PageDown));
    assertThat(controller.state().scroll()).isEqualTo(11);
    controller.onKey(new KeyStroke(KeyType.End));
    assertThat(controller.state().scroll()).isEqualTo(30);
    press('j');
    assertThat(controller.state().scroll()).isEqualTo(30);
    controller.onKey(new KeyStroke(KeyType.PageUp));
    assertThat(controller.state().scroll()).isEqualTo(20);
    controller.onKey(new KeyStroke(KeyType.Home));
    assertThat(controller.state().scroll()).isZero();
    press('k');
    assertThat(controller.state().scroll()).isZero();
  }

  @Test
  void pullsTheScrollBackWhenTheCardsShrink() {
    controller.fitted(new Frame(new TextGrid(1, 1), 0, 30, 10));
    controller.onKey(new KeyStroke(KeyType.End));

    controller.fitted(new Frame(new TextGrid(1, 1), 12, 12, 10));

    assertThat(controller.state().scroll()).isEqualTo(12);
  }

  @Test
  void ignoresOtherKeys() {
    controller.onKey(new KeyStroke(KeyType.F1));
    press('z');
    assertThat(controller.state()).isEqualTo(UiState.INITIAL);
  }

  @Test
  void statesRefuseNegativeScroll() {
    assertThat(UiState.INITIAL.withScroll(-3).scroll()).isZero();
    assertThat(UiState.INITIAL.withActivity(Optional.of("x")).busy()).isTrue();
    assertThat(UiState.INITIAL.at(at(0))).isSameAs(UiState.INITIAL);
  }

  @Test
  void summarisesEmptyResults() {
    CompletionStage<List<InstanceResult>> none = CompletableFuture.completedFuture(List.of());
    assertThat(none.toCompletableFuture().join()).isEmpty();
    assertThat(ActionReport.aborted(List.of()))
        .isEqualTo("abort all: no healthy SGLang backend to ask");
    assertThat(ActionReport.destroyed(List.of(ok(5)))).isEqualTo("destroyed 1 of 1 instance");
    assertThat(ActionReport.aborted(List.of(failed(5, "HTTP 404"))))
        .isEqualTo("aborted on 0 of 1 backend; #5: HTTP 404");
    assertThat(ActionReport.failed("x", new CompletionException(new RuntimeException())))
        .isEqualTo("x failed: RuntimeException");
  }
}
