package dev.coreoswatch.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coreoswatch.events.Observed;
import dev.coreoswatch.events.ObservedArch;
import dev.coreoswatch.ledger.ClaimDetails;
import dev.coreoswatch.ledger.DynamoDbLedger;
import dev.coreoswatch.ledger.LedgerEntry;
import dev.coreoswatch.ledger.LedgerKey;
import dev.coreoswatch.testing.Dynalite;
import dev.coreoswatch.testing.SnsStub;
import dev.coreoswatch.testing.TestClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Once per change of state, against a WireMock SNS speaking the query protocol and the state on dynalite. */
class NotifierTest {
    private static final String IMAGE = "ghcr.io/acme/custom-coreos";
    private static final String HOLD =
            "kernel 7.3.1-100.fc45.x86_64 (x86_64) is outside Linux 4.18-7.2 supported by zfs 2.4.6"
                    + " (META of zfs-2.4.6); waiting for a ZFS release that supports 7.3, rechecked every run";
    private static Dynalite dynalite;
    private static SnsStub sns;

    private String table;
    private final TestClock clock = new TestClock(Instant.parse("2026-10-21T09:00:00Z"));

    @BeforeAll
    static void start() throws IOException {
        dynalite = Dynalite.start();
        sns = new SnsStub();
    }

    @AfterAll
    static void stop() {
        sns.close();
        dynalite.close();
    }

    @BeforeEach
    void fresh() {
        sns.reset();
        table = "ledger-" + UUID.randomUUID();
        dynalite.createTable(DynamoDbLedger.tableDefinition(table));
    }

    private Notifier notifier() {
        return new Notifier(
                new NotificationStateTable(dynalite.client(), table, IMAGE),
                new SnsTopic(sns.client(), SnsStub.TOPIC_ARN),
                clock);
    }

    private static Observed observed(String coreos, String zfs, String kernel) {
        return new Observed(
                "testing",
                coreos,
                zfs,
                List.of(new ObservedArch("x86_64", kernel, "INCOMPATIBLE", "4.18-7.2")),
                false,
                Instant.parse("2026-10-21T08:59:58Z"),
                "5d1e7c4a-93b0-4f0e-8f6d-2a7b9c3e1f00");
    }

    private static final Observed HELD = observed("45.20261020.2.0", "2.4.6", "7.3.1-100.fc45.x86_64");

    @Test
    void aFleetTargetIsNamedInTheSubject() {
        Notifier notifier = notifier();

        notifier.send(Notification.held(HELD.forTarget("custom-coreos-lts", IMAGE), HOLD));

        assertEquals(
                "coreos-watch: custom-coreos-lts testing held (coreos 45.20261020.2.0, zfs 2.4.6)",
                sns.published().get(0).subject());
    }

    @Test
    void heldTwiceSendsOneMessageNamingTheRangeTheKernelAndTheRecheck() {
        Notifier notifier = notifier();

        assertEquals(Notifier.Outcome.SENT, notifier.send(Notification.held(HELD, HOLD)));
        clock.advance(Duration.ofMinutes(30));
        assertEquals(Notifier.Outcome.UNCHANGED, notifier().send(Notification.held(HELD, HOLD)));

        List<SnsStub.Published> published = sns.published();
        assertEquals(1, published.size());
        SnsStub.Published held = published.get(0);
        assertEquals(SnsStub.TOPIC_ARN, held.topicArn());
        assertEquals("coreos-watch: testing held (coreos 45.20261020.2.0, zfs 2.4.6)", held.subject());
        assertTrue(
                held.message()
                        .startsWith("The testing stream of ghcr.io/acme/custom-coreos is held: coreos 45.20261020.2.0"
                                + " with zfs 2.4.6 is not built.\n"),
                held.message());
        assertTrue(
                held.message()
                        .contains(
                                "Why: kernel 7.3.1-100.fc45.x86_64 (x86_64) is outside Linux 4.18-7.2 supported by zfs 2.4.6"),
                held.message());
        assertTrue(held.message().contains("rechecked every run"), held.message());
        assertTrue(held.message().contains("Correlation id: 5d1e7c4a-93b0-4f0e-8f6d-2a7b9c3e1f00"), held.message());
    }

    @Test
    void heldThenReleasedSendsTheReleaseQuotingTheHold() {
        notifier().send(Notification.held(HELD, HOLD));
        clock.advance(Duration.ofDays(6));

        Observed supported = observed("45.20261020.2.0", "2.4.7", "7.3.1-100.fc45.x86_64");
        assertEquals(Notifier.Outcome.SENT, notifier().send(Notification.released(supported)));
        assertEquals(Notifier.Outcome.UNCHANGED, notifier().send(Notification.released(supported)));

        List<SnsStub.Published> published = sns.published();
        assertEquals(2, published.size());
        SnsStub.Published released = published.get(1);
        assertEquals(
                "coreos-watch: testing released from hold (coreos 45.20261020.2.0, zfs 2.4.7)", released.subject());
        assertTrue(
                released.message().contains("is lifted: coreos 45.20261020.2.0 with zfs 2.4.7 passes every rule"),
                released.message());
        assertTrue(
                released.message()
                        .contains("Held since 2026-10-21T09:00:00Z (coreos 45.20261020.2.0, zfs 2.4.6): " + HOLD),
                released.message());
    }

    @Test
    void aStreamThatWasNeverHeldIsNotReleased() {
        assertEquals(Notifier.Outcome.UNCHANGED, notifier().send(Notification.released(HELD)));
        notifier()
                .send(Notification.dispatched(
                        HELD,
                        "linux/amd64 of ghcr.io/acme/custom-coreos:testing is missing",
                        "https://github.com/acme/fcos-builds/actions/runs/81234567"));
        assertEquals(Notifier.Outcome.UNCHANGED, notifier().send(Notification.released(HELD)));

        assertEquals(
                List.of("coreos-watch: testing build dispatched (coreos 45.20261020.2.0, zfs 2.4.6)"),
                sns.published().stream().map(SnsStub.Published::subject).toList());
    }

    @Test
    void aNewCombinationHeldIsNewsTheSameOneIsNot() {
        notifier().send(Notification.held(HELD, HOLD));
        notifier().send(Notification.held(observed("45.20261103.2.0", "2.4.6", "7.3.4-100.fc45.x86_64"), HOLD));
        notifier().send(Notification.held(observed("45.20261103.2.0", "2.4.6", "7.3.4-100.fc45.x86_64"), HOLD));

        assertEquals(2, sns.published().size());
    }

    @Test
    void aDispatchCarriesItsRunUrlAndIsSentOnce() {
        Notification dispatched = Notification.dispatched(
                HELD,
                "linux/amd64 of ghcr.io/acme/custom-coreos:testing carries coreos" + " 45.20261006.2.0",
                "https://github.com/acme/fcos-builds/actions/runs/81234567");

        notifier().send(dispatched);
        notifier().send(dispatched);

        List<SnsStub.Published> published = sns.published();
        assertEquals(1, published.size());
        assertTrue(
                published
                        .get(0)
                        .message()
                        .contains("\nRun: https://github.com/acme/fcos-builds/actions/runs/81234567\n"),
                published.get(0).message());
        assertTrue(
                published
                        .get(0)
                        .message()
                        .contains("Why: linux/amd64 of ghcr.io/acme/custom-coreos:testing carries coreos"),
                published.get(0).message());
    }

    @Test
    void aDispatchWithoutRunDetailsSaysWhichRunToLookFor() {
        notifier().send(Notification.dispatched(HELD, "forced rebuild", null));

        assertTrue(
                sns.published()
                        .get(0)
                        .message()
                        .contains("look for the run named 'build testing 45.20261020.2.0 zfs 2.4.6'"),
                sns.published().get(0).message());
    }

    @Test
    void aFailureCarriesTheMessageOnceAndTheDispatchAfterItIsNews() {
        String rotated =
                "GitHub answered 401 Bad credentials to POST /repos/acme/fcos-builds/actions/workflows/build.yaml/dispatches";
        notifier().send(Notification.failed(HELD, rotated));
        notifier().send(Notification.failed(HELD, rotated));
        notifier()
                .send(Notification.dispatched(
                        HELD, "missing", "https://github.com/acme/fcos-builds/actions/runs/81234999"));

        List<SnsStub.Published> published = sns.published();
        assertEquals(2, published.size());
        assertEquals(
                "coreos-watch: testing failed (coreos 45.20261020.2.0, zfs 2.4.6)",
                published.get(0).subject());
        assertTrue(
                published.get(0).message().contains("What failed: " + rotated),
                published.get(0).message());
        assertTrue(published.get(1).subject().contains("build dispatched"));
    }

    @Test
    void ofTenConcurrentInvocationsSeeingTheSameHoldOneNotifies() throws Exception {
        int invocations = 10;
        ExecutorService pool = Executors.newFixedThreadPool(invocations);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Notifier.Outcome>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < invocations; i++) {
                Notifier own = notifier(); // one per Lambda environment
                outcomes.add(pool.submit(() -> {
                    go.await();
                    return own.send(Notification.held(HELD, HOLD));
                }));
            }
            go.countDown();
            int sent = 0;
            for (Future<Notifier.Outcome> f : outcomes) {
                sent += f.get() == Notifier.Outcome.SENT ? 1 : 0;
            }
            assertEquals(1, sent);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sns.published().size());
    }

    @Test
    void aRefusedPublishIsAClearErrorAndTheNextRunTriesAgain() {
        sns.refuse();
        NotificationException e =
                assertThrows(NotificationException.class, () -> notifier().send(Notification.held(HELD, HOLD)));
        assertTrue(
                e.getMessage()
                        .startsWith("SNS refused to publish to " + SnsStub.TOPIC_ARN + ": HTTP 403 AuthorizationError"),
                e.getMessage());

        sns.accept();
        assertEquals(Notifier.Outcome.SENT, notifier().send(Notification.held(HELD, HOLD)));
    }

    @Test
    void aRefusedReleaseKeepsTheHoldForTheNextRun() {
        notifier().send(Notification.held(HELD, HOLD));
        sns.refuse();
        assertThrows(NotificationException.class, () -> notifier().send(Notification.released(HELD)));

        sns.accept();
        assertEquals(Notifier.Outcome.SENT, notifier().send(Notification.released(HELD)));
        assertTrue(
                sns.published().get(0).subject().contains("released from hold"),
                sns.published().toString());
    }

    @Test
    void aMissingTableIsAClearErrorAndNothingIsPublished() {
        Notifier lost = new Notifier(
                new NotificationStateTable(dynalite.client(), "no-such-table", IMAGE),
                new SnsTopic(sns.client(), SnsStub.TOPIC_ARN),
                clock);

        NotificationException e =
                assertThrows(NotificationException.class, () -> lost.send(Notification.held(HELD, HOLD)));

        assertTrue(
                e.getMessage()
                        .contains(
                                "DynamoDB refused to read state|ghcr.io/acme/custom-coreos|testing in table no-such-table"),
                e.getMessage());
        assertEquals(List.of(), sns.published());
    }

    @Test
    void aMalformedStateItemIsAClearError() {
        dynalite.client()
                .putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "pk", AttributeValue.fromS(NotificationStateTable.key(IMAGE, "testing")),
                                "kind", AttributeValue.fromS("PANICKED"))));

        NotificationException e =
                assertThrows(NotificationException.class, () -> notifier().send(Notification.held(HELD, HOLD)));

        assertTrue(e.getMessage().contains("is malformed: unknown kind \"PANICKED\""), e.getMessage());
    }

    @Test
    void aStateSinceBeyondTheYear9999IsMalformedNotACrash() {
        dynalite.client()
                .putItem(b -> b.tableName(table)
                        .item(Map.of(
                                "pk", AttributeValue.fromS(NotificationStateTable.key(IMAGE, "testing")),
                                "kind", AttributeValue.fromS("HELD"),
                                "fingerprint", AttributeValue.fromS("f"),
                                "coreosVersion", AttributeValue.fromS("45.20261020.2.0"),
                                "zfsVersion", AttributeValue.fromS("2.4.6"),
                                "since", AttributeValue.fromN("9223372036854775807"),
                                "version", AttributeValue.fromN("1"))));

        NotificationException e =
                assertThrows(NotificationException.class, () -> notifier().send(Notification.held(HELD, HOLD)));

        assertTrue(
                e.getMessage().endsWith("is malformed: since 9223372036854775807 is outside the years 1970 to 9999"),
                e.getMessage());
        assertEquals(List.of(), sns.published());
    }

    @Test
    void stateItemsShareTheLedgerTableWithoutBecomingLedgerEntries() {
        DynamoDbLedger ledger = new DynamoDbLedger(dynalite.client(), table);
        LedgerKey key = LedgerKey.of(IMAGE, "testing", "45.20261020.2.0", "2.4.6");
        ledger.claim(key, ClaimDetails.of("missing"), clock.instant(), Duration.ofHours(3));
        notifier().send(Notification.held(HELD, HOLD));

        List<LedgerEntry> entries = ledger.list();

        assertEquals(List.of(key), entries.stream().map(LedgerEntry::key).toList());
        assertFalse(NotificationStateTable.key(IMAGE, "testing").equals(key.toString()));
    }

    @Test
    void aSubjectIsPrintableAsciiOfAtMostOneHundredCharacters() {
        assertEquals("stream t?sting held", SnsSubject.of("stream t\u00e9sting held"));
        assertEquals("a?b", SnsSubject.of("a\nb"));
        String longOne = SnsSubject.of("coreos-watch: " + "x".repeat(200));
        assertEquals(100, longOne.length());
        assertTrue(longOne.endsWith("..."));
    }
}
