package dev.parapet.core.ticketing;

import dev.parapet.core.store.OutboxEntry;
import dev.parapet.core.store.TicketStore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static dev.parapet.core.ticketing.Estate.key;
import static org.assertj.core.api.Assertions.assertThat;

/** The outbox in the store, on every backend: written with the finding change, claimed exclusively, coalesced. */
abstract class OutboxSuite extends StoreBacked {
    static final Instant NOW = Instant.parse("2026-03-05T00:00:00Z");
    static final Instant LEASE = NOW.plusSeconds(300);

    TicketStore outbox() {
        return store.tickets();
    }

    Optional<OutboxEntry> row(String bucket) {
        return outbox().pending(1000).stream().filter(e -> e.findingKey().equals(key(bucket))).findFirst()
                .or(() -> outbox().failed(1000).stream().filter(e -> e.findingKey().equals(key(bucket))).findFirst());
    }

    @Test
    void everyChangeATicketCaresAboutIsQueuedOnceAndCoalesced() {
        estate.pass("quiet", "2026-03-04T09:00:00Z");
        assertThat(row("quiet")).as("a pair that never failed has nothing to say").isEmpty();

        estate.fail("b", "2026-03-04T10:00:00Z");
        OutboxEntry opened = row("b").orElseThrow();
        assertThat(opened.event()).isEqualTo(OutboxEntry.OPENED);
        assertThat(opened.changedAt()).isEqualTo(Instant.parse("2026-03-04T10:00:00Z"));

        estate.fail("b", "2026-03-04T11:00:00Z");
        assertThat(row("b").orElseThrow()).as("seen again, same evidence: no new intent").isEqualTo(opened);

        estate.fail("b", "2026-03-04T12:00:00Z", "{blockPublicAcls=true, blockPublicPolicy=false}");
        OutboxEntry evidence = row("b").orElseThrow();
        assertThat(evidence.event()).isEqualTo(OutboxEntry.EVIDENCE);
        assertThat(evidence.seq()).isGreaterThan(opened.seq());

        estate.error("b", "2026-03-04T13:00:00Z");
        assertThat(row("b").orElseThrow()).as("a rule that cannot decide says nothing").isEqualTo(evidence);

        estate.pass("b", "2026-03-04T14:00:00Z");
        assertThat(row("b").orElseThrow().event()).isEqualTo(OutboxEntry.RESOLVED);
        estate.fail("b", "2026-03-04T15:00:00Z");
        assertThat(row("b").orElseThrow().event()).isEqualTo(OutboxEntry.REOPENED);
        estate.delete("b", "2026-03-04T16:00:00Z");
        assertThat(row("b").orElseThrow().event()).isEqualTo(OutboxEntry.RESOLVED);

        estate.fail("b", "2026-03-04T09:30:00Z");
        assertThat(row("b").orElseThrow().event()).as("an older document changes nothing").isEqualTo(OutboxEntry.RESOLVED);
        assertThat(outbox().pending(1000)).hasSize(1);
    }

    @Test
    void claimsAreExclusiveLeasedAndCompletedOnlyForTheVersionHandled() {
        estate.failMany(List.of("a", "b", "c"), "2026-03-04T10:00:00Z", dev.parapet.core.model.Severity.HIGH);
        List<OutboxEntry> first = outbox().claim("one", 2, NOW, LEASE);
        List<OutboxEntry> second = outbox().claim("two", 10, NOW, LEASE);
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(outbox().claim("three", 10, NOW, LEASE)).isEmpty();
        assertThat(outbox().claim("three", 10, LEASE.plusMillis(1), LEASE.plusSeconds(60)))
                .as("an expired lease (a dead forwarder) frees the rows").hasSize(3);

        List<OutboxEntry> again = outbox().claim("four", 10, LEASE.plusSeconds(61), LEASE.plusSeconds(400));
        OutboxEntry a = again.stream().filter(e -> e.findingKey().equals(key("a"))).findFirst().orElseThrow();
        estate.pass("a", "2026-03-04T11:00:00Z"); // a newer change while the forwarder works on the old one
        assertThat(outbox().complete("four", a)).isFalse();
        assertThat(row("a").orElseThrow().event()).as("the newer change stays pending").isEqualTo(OutboxEntry.RESOLVED);
        for (OutboxEntry e : again) {
            if (!e.findingKey().equals(key("a"))) {
                assertThat(outbox().complete("four", e)).isTrue();
            }
        }
        assertThat(outbox().pending(10)).extracting(OutboxEntry::findingKey).containsExactly(key("a"));
        assertThat(outbox().complete("someone-else", row("a").orElseThrow())).as("not their claim").isFalse();
        assertThat(outbox().pending(10)).hasSize(1);
    }

    @Test
    void failedRowsWaitForARequeueAndRetriesWaitForTheirTime() {
        estate.failMany(List.of("a", "b"), "2026-03-04T10:00:00Z", dev.parapet.core.model.Severity.HIGH);
        List<OutboxEntry> claimed = outbox().claim("f", 10, NOW, LEASE);
        outbox().fail("f", claimed.get(0), "HTTP 400 (Data Policy Exception)");
        outbox().retryLater("f", claimed.get(1), NOW.plusSeconds(30), "HTTP 503");

        assertThat(outbox().claim("g", 10, NOW.plusSeconds(29), LEASE)).isEmpty();
        assertThat(outbox().counts(NOW)).isEqualTo(new TicketStore.Counts(1, 0, 0, 1, 0, 0));
        assertThat(outbox().failed(10)).singleElement().satisfies(e -> {
            assertThat(e.lastError()).isEqualTo("HTTP 400 (Data Policy Exception)");
            assertThat(e.status()).isEqualTo(OutboxEntry.FAILED);
        });
        List<OutboxEntry> due = outbox().claim("g", 10, NOW.plusSeconds(30), LEASE);
        assertThat(due).singleElement().satisfies(e -> assertThat(e.attempts()).isEqualTo(1));
        outbox().release("g", due.get(0));

        assertThat(outbox().requeue(false)).isEqualTo(1);
        assertThat(outbox().claim("h", 10, NOW.plusSeconds(31), LEASE)).hasSize(2);
    }

    @Test
    void requeueAllFailingQueuesFailingFindingsThatHaveNoRow() {
        estate.failMany(List.of("a", "b"), "2026-03-04T10:00:00Z", dev.parapet.core.model.Severity.HIGH);
        for (OutboxEntry e : outbox().claim("x", 10, NOW, LEASE)) {
            outbox().complete("x", e);
        }
        estate.pass("b", "2026-03-04T11:00:00Z");
        assertThat(outbox().pending(10)).hasSize(1);
        assertThat(outbox().requeue(true)).as("a is failing and has no row; b has one").isEqualTo(1);
        assertThat(outbox().pending(10)).extracting(OutboxEntry::findingKey).containsExactlyInAnyOrder(key("a"), key("b"));
    }

    @Test
    void concurrentClaimsNeverShareARow() throws Exception {
        List<String> buckets = IntStream.range(0, 300).mapToObj(i -> "bucket-" + i).toList();
        estate.failMany(buckets, "2026-03-04T10:00:00Z", dev.parapet.core.model.Severity.HIGH);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<List<String>>> tasks = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                String id = "claimer-" + t;
                tasks.add(() -> {
                    List<String> mine = new ArrayList<>();
                    for (List<OutboxEntry> batch; !(batch = outbox().claim(id, 7, NOW, LEASE)).isEmpty(); ) {
                        batch.forEach(e -> mine.add(e.findingKey()));
                    }
                    return mine;
                });
            }
            List<String> all = Collections.synchronizedList(new ArrayList<>());
            for (Future<List<String>> f : pool.invokeAll(tasks)) {
                all.addAll(f.get());
            }
            Set<String> distinct = new HashSet<>(all);
            assertThat(all).hasSize(300);
            assertThat(distinct).hasSize(300);
        } finally {
            pool.shutdownNow();
        }
    }
}
