package io.sift.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

import io.sift.api.FailureReason;
import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.TransferState;
import io.sift.connection.AccountConnection;

/** A stream method bundle stopped and started at run time: disco and offers follow. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotSwapIT {

    private static final String BOB_FULL = "bob@localhost/itest";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Test
    public void stoppingTheIbbBundleWithdrawsItsFeatureAndStartingRestoresIt() throws Exception {
        Path root = LocalProsody.projectDir().resolve("itests/target/itest-files/hotswap-" + SiftRuntime.framework());
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(root.resolve("downloads")));
        TransferSetup.ensureAccount(configAdmin, "alice");
        TransferSetup.ensureAccount(configAdmin, "bob");
        FileTransferService alice = TransferSetup.service(context, "alice");
        AccountConnection aliceConnection = Services.await(context, AccountConnection.class,
                Services.jidFilter("alice@localhost"), TransferSetup.READY);
        AccountConnection bobConnection = Services.await(context, AccountConnection.class,
                Services.jidFilter("bob@localhost"), TransferSetup.READY);
        Path source = TestFiles.random(root.resolve("outbox"), "swap.bin", 50_000, 9);

        // features are added as the bundles bind the account; they reach alice with bob's next presence
        Await.until(Duration.ofSeconds(30), "bob announces si and IBB", () -> {
            List<String> features = bobFeatures(aliceConnection, bobConnection);
            return features.contains(StreamMethods.IBB) && features.contains("http://jabber.org/protocol/si");
        });

        Bundle ibb = bundle("io.sift.ibb");
        ibb.stop();
        try {
            // bob's new capabilities reach alice with his next presence
            Await.until(Duration.ofSeconds(30), "bob no longer announces IBB",
                    () -> !bobFeatures(aliceConnection, bobConnection).contains(StreamMethods.IBB));
            Transfer failed = alice.send(BOB_FULL, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                    .completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals(TransferState.FAILED, failed.state());
            assertEquals(FailureReason.NO_COMMON_METHOD, failed.failure().orElseThrow().reason());
            System.out.println("[" + SiftRuntime.framework() + "] without IBB: " + failed.failure().orElseThrow());
        } finally {
            ibb.start();
        }
        Await.until(Duration.ofSeconds(30), "bob announces IBB again",
                () -> bobFeatures(aliceConnection, bobConnection).contains(StreamMethods.IBB));
        Transfer done = alice.send(BOB_FULL, source, SendOptions.defaults().withMethods(List.of(StreamMethods.IBB)))
                .completion().toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(done.failure().toString(), TransferState.COMPLETED, done.state());
        assertEquals(StreamMethods.IBB, done.streamMethod().orElseThrow());
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
    }

    private static List<String> bobFeatures(AccountConnection alice, AccountConnection bob) {
        try {
            DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(bob.user());
            return info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).toList();
        } catch (Exception e) {
            throw new IllegalStateException("disco#info of bob failed: " + e, e);
        }
    }
}
