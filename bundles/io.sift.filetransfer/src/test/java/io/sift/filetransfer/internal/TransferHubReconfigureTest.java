package io.sift.filetransfer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sift.api.OfferDecision;

class TransferHubReconfigureTest {

    @TempDir
    Path downloads;

    private HubFixture fixture;

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void aChangedConfigurationIsTakenWithoutANewHub() {
        fixture = new HubFixture(downloads, OfferPolicy.DECLINE);
        Path elsewhere = downloads.resolve("elsewhere");
        TransferSettings next = new TransferSettings(elsewhere, OfferPolicy.ACCEPT, Duration.ofSeconds(5),
                Duration.ofSeconds(7), 0, 2, 3, Duration.ofHours(1), 4, 8);

        fixture.hub.reconfigure(next);

        assertEquals(next, fixture.hub.settings());
        OfferDecision decision = fixture.hub.decider.decide(new OfferView("t1", HubFixture.ACCOUNT, HubFixture.PEER,
                "a.txt", "a.txt", 1, Optional.empty(), Optional.empty(), Optional.empty(), false));
        assertTrue(decision.isAccept());
        assertEquals(Optional.of(elsewhere), decision.directory());
        assertTrue(fixture.account.transfers().isEmpty(), "no transfer was touched");
    }
}
