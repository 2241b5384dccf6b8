package studio.bud.track.processor.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Sixteen threads make ten thousand tracked calls each, at once, through one shared wrapper: calls
 * that make tracked calls of their own, calls that throw, and streamed results read to the end,
 * closed early, failing midway or abandoned. Afterwards every span has ended exactly once, every
 * inner span is the child of the outer span of the same call, and no call left a scope open on its
 * thread.
 */
class ConcurrencyTest {

  static final int THREADS = 16;
  static final int CALLS_PER_THREAD = 10_000;
  /** The kinds of call a thread cycles through; see {@link #call}. */
  static final int KINDS = 8;
  /** Spans each cycle of {@link #KINDS} calls makes: outer spans plus their inner calls. */
  static final int SPANS_PER_CYCLE = 2 + 2 + 4 + 2 + 4 + 2 + 2 + 2;

  private static final AttributeKey<String> TOKEN = AttributeKey.stringKey("bud.track.input.token");
  private static final Set<String> OUTER =
      Set.of("Agent.plan", "Agent.fail", "Agent.tokens", "Agent.words");

  /** The failure {@link Worker#fail} throws: no stack trace, so that sixteen threads stay fast. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String token) {
      super(token, null, false, false);
    }
  }

  /** The implementation: every answer and every element comes from a tracked {@link Tool} call. */
  static final class Worker implements Agent {
    private final Tool tool = TracedTool.wrap(token -> token + "!");
    final ThreadLocal<Failure> lastFailure = new ThreadLocal<>();

    @Override
    public String plan(String token) {
      return tool.use(token);
    }

    @Override
    public String fail(String token) {
      tool.use(token);
      Failure failure = new Failure(token);
      lastFailure.set(failure);
      throw failure;
    }

    @Override
    public Iterator<String> tokens(String token, int count) {
      return new Iterator<>() {
        private int produced;

        @Override
        public boolean hasNext() {
          return count < 0 || produced < count;
        }

        @Override
        public String next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          if (count < 0 && produced == 1) {
            throw new Failure(token);
          }
          produced++;
          return tool.use(token);
        }
      };
    }

    @Override
    public Stream<String> words(String token, int count) {
      return Stream.generate(() -> tool.use(token)).limit(count);
    }
  }

  /** Each finished span, by id: its name, parent and the call it belongs to. */
  static final class Tree implements SpanProcessor {
    final Map<String, Node> nodes = new ConcurrentHashMap<>();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      nodes.put(
          span.getSpanContext().getSpanId(),
          new Node(span.getName(), span.getParentSpanContext().getSpanId(), span.getAttribute(TOKEN)));
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  static final class Node {
    final String name;
    final String parent;
    final String token;

    Node(String name, String parent, String token) {
      this.name = name;
      this.parent = parent;
      this.token = token;
    }
  }

  private final Worker worker = new Worker();
  private final Agent agent = TracedAgent.wrap(worker);
  private final AtomicLong leakedScopes = new AtomicLong();
  private final AtomicLong wrongResults = new AtomicLong();
  private final Queue<String> problems = new ConcurrentLinkedQueue<>();

  @Test
  void everySpanEndsOnceWithTheRightParentAndNoScopeLeaks() throws Exception {
    Tree tree = new Tree();
    try (Sdk sdk = Sdk.configured(false, tree)) {
      Map<Integer, String> roots = new ConcurrentHashMap<>();
      ExecutorService threads = Executors.newFixedThreadPool(THREADS);
      CountDownLatch ready = new CountDownLatch(THREADS);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      try {
        for (int n = 0; n < THREADS; n++) {
          int thread = n;
          done.add(
              threads.submit(
                  () -> {
                    Span root = sdk.openTelemetry.getTracer("test").spanBuilder("root").startSpan();
                    roots.put(thread, root.getSpanContext().getSpanId());
                    Scope scope = root.makeCurrent();
                    try {
                      ready.countDown();
                      go.await();
                      for (int i = 0; i < CALLS_PER_THREAD; i++) {
                        call(i % KINDS, thread + "-" + i);
                      }
                    } finally {
                      scope.close();
                      root.end();
                    }
                    return null;
                  }));
        }
        assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        for (Future<?> thread : done) {
          thread.get(120, TimeUnit.SECONDS);
        }
      } finally {
        threads.shutdownNow();
      }

      // Abandoned iterators and streams end when collected.
      assertThat(sdk.ledger.awaitAllEnded(60_000, System::gc)).as("every span ended").isTrue();

      assertThat(problems).as("wrong results").isEmpty();
      assertThat(wrongResults).hasValue(0);
      assertThat(leakedScopes).as("calls that changed Context.current()").hasValue(0);
      long expected = (long) THREADS * CALLS_PER_THREAD / KINDS * SPANS_PER_CYCLE + THREADS;
      assertThat(sdk.ledger.started()).isEqualTo(expected);
      assertThat(sdk.ledger.ended()).isEqualTo(expected);
      assertThat(sdk.ledger.endedTwice()).isZero();
      assertThat(sdk.ledger.open()).isZero();
      assertThat(tree.nodes).hasSize((int) expected);
      assertParents(tree.nodes, Set.copyOf(roots.values()), roots);
    }
  }

  /** One call of kind {@code kind}, checked as it goes; problems are counted, not thrown. */
  private void call(int kind, String token) {
    Context before = Context.current();
    String answer = token + "!";
    switch (kind) {
      case 0:
        expect(agent.plan(token).equals(answer), token, "plan");
        break;
      case 1:
        try {
          agent.fail(token);
          expect(false, token, "fail returned");
        } catch (Failure failure) {
          expect(failure == worker.lastFailure.get(), token, "not the same exception");
        }
        break;
      case 2:
        List<String> all = new ArrayList<>();
        agent.tokens(token, 3).forEachRemaining(all::add);
        expect(all.equals(List.of(answer, answer, answer)), token, "tokens " + all);
        break;
      case 3: // abandoned after one element
        expect(agent.tokens(token, 3).next().equals(answer), token, "first token");
        break;
      case 4:
        List<String> words = agent.words(token, 3).collect(Collectors.toList());
        expect(words.equals(List.of(answer, answer, answer)), token, "words " + words);
        break;
      case 5: // closed after one element
        try (Stream<String> stream = agent.words(token, 3)) {
          expect(stream.iterator().next().equals(answer), token, "first word");
        }
        break;
      case 6: // abandoned after one element, never closed
        expect(agent.words(token, 3).iterator().next().equals(answer), token, "first word");
        break;
      default: // the source fails after one element
        Iterator<String> failing = agent.tokens(token, -1);
        expect(failing.next().equals(answer), token, "first token");
        try {
          failing.next();
          expect(false, token, "no failure");
        } catch (Failure expectedFailure) {
          expect(expectedFailure.getMessage().equals(token), token, "other failure");
        }
        break;
    }
    if (Context.current() != before) {
      leakedScopes.incrementAndGet();
    }
  }

  private void expect(boolean ok, String token, String what) {
    if (!ok) {
      wrongResults.incrementAndGet();
      if (problems.size() < 20) {
        problems.add(token + ": " + what);
      }
    }
  }

  /**
   * Each outer span is a child of its thread's root span; each inner {@code Tool.use} span is a
   * child of the outer span with the same token.
   */
  private static void assertParents(Map<String, Node> nodes, Set<String> rootIds, Map<Integer, String> roots) {
    long checkedInner = 0;
    long checkedOuter = 0;
    List<String> wrong = new ArrayList<>();
    for (Node node : nodes.values()) {
      if (node.name.equals("root")) {
        continue;
      }
      if (OUTER.contains(node.name)) {
        // The token is recorded as its repr, "3-141" with the quotes.
        int thread = Integer.parseInt(node.token.substring(1, node.token.indexOf('-')));
        if (!roots.get(thread).equals(node.parent)) {
          wrong.add(node.name + " " + node.token + " has parent " + node.parent);
        }
        checkedOuter++;
      } else {
        Node parent = nodes.get(node.parent);
        if (parent == null
            || !OUTER.contains(parent.name)
            || !parent.token.equals(node.token)
            || rootIds.contains(node.parent)) {
          wrong.add(
              node.name + " " + node.token + " has parent "
                  + (parent == null ? node.parent : parent.name + " " + parent.token));
        }
        checkedInner++;
      }
    }
    assertThat(wrong).as("spans with a wrong parent").isEmpty();
    long cycles = (long) THREADS * CALLS_PER_THREAD / KINDS;
    assertThat(checkedOuter).isEqualTo(cycles * KINDS);
    assertThat(checkedInner).isEqualTo(cycles * (SPANS_PER_CYCLE - KINDS));
  }
}
