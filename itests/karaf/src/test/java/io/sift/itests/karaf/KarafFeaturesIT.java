package io.sift.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * SIFT on a stock Apache Karaf, as an administrator uses it: the features repository is added and
 * {@code sift} installed through Karaf's shell (no edit of Karaf's own configuration files), two
 * accounts are configured through ConfigAdmin, a file goes from one to the other with
 * {@code sift:send}, with the SOCKS5 feature removed the next file goes in-band, and under the
 * "ask" policy offers wait for {@code sift:accept} and {@code sift:decline}.
 *
 * <p>The steps build on each other, in name order, in one Karaf.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class KarafFeaturesIT {

    static final Duration READY = Duration.ofSeconds(60);
    static final List<String> CORE_BUNDLES = List.of("io.sift.api", "io.sift.connection", "io.sift.negotiation",
            "io.sift.filetransfer", "io.sift.ibb", "io.sift.shell", "smack-core", "smack-xmlparser-stax",
            "org.apache.aries.spifly.dynamic.bundle");
    static final String SOCKS5_BUNDLE = "io.sift.socks5";

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return SiftKaraf.configuration();
    }

    @Test
    public void step1_featuresInstallOnStockKaraf() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory).awaitCommands(READY, "feature:repo-add", "feature:install");
        shell.ok("feature:repo-add mvn:io.sift/sift-features/" + System.getProperty("sift.version") + "/xml/features");
        shell.ok("feature:install sift");

        for (String name : CORE_BUNDLES) {
            awaitActive(name);
        }
        awaitActive(SOCKS5_BUNDLE);
        // the features wrote sample files into etc/; the next steps configure through ConfigAdmin,
        // which FileInstall would undo if it read a file only afterwards
        for (String pid : SampleConfiguration.PIDS) {
            await(pid + " read from etc/", () -> SampleConfiguration.readFromEtc(configAdmin, pid));
        }
        String accounts = shell.ok("sift:accounts");
        assertTrue(accounts, accounts.contains("No account is configured"));
    }

    @Test
    public void step2_accountsFromConfigAdminLogIn() throws Exception {
        Path downloads = files().resolve("downloads");
        org.osgi.service.cm.Configuration transfer = configAdmin.getConfiguration("io.sift.filetransfer", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("offerPolicy", "ACCEPT");
        settings.put("downloadDirectory", downloads.toString());
        transfer.update(settings);
        // file transfer restarts with a new configuration: transfers must not start before that
        if (!Await.holdsWithin(READY, () -> FileTransferComponent.activeWith(context, "ACCEPT"))) {
            throw new AssertionError("Timed out after " + READY.toSeconds()
                    + " s waiting for file transfer active with offerPolicy=ACCEPT. SCR shows: "
                    + FileTransferComponent.describe(context) + ". ConfigAdmin holds: "
                    + configAdmin.getConfiguration("io.sift.filetransfer", "?").getProperties() + "\n"
                    + KarafLog.tail(40));
        }
        for (String user : new String[] {"alice", "bob"}) {
            org.osgi.service.cm.Configuration account = configAdmin.getFactoryConfiguration("io.sift.connection", user, "?");
            Hashtable<String, Object> props = new Hashtable<>();
            props.put("jid", user + "@" + LocalProsody.DOMAIN);
            props.put("password", user + "-secret");
            props.put("host", LocalProsody.HOST);
            props.put("port", Integer.getInteger("sift.xmpp.port"));
            props.put("securityMode", "DISABLED");
            props.put("resource", "karaf");
            account.update(props);
        }
        awaitOnline("alice@localhost");
        awaitOnline("bob@localhost");
        String accounts = new KarafShell(sessionFactory).ok("sift:accounts --no-format");
        assertTrue(accounts, accounts.contains("alice@localhost\tonline\tio.sift.connection~alice\talice@localhost/karaf"));
        assertTrue(accounts, accounts.contains("bob@localhost\tonline\tio.sift.connection~bob\tbob@localhost/karaf"));
    }

    @Test
    public void step3_sendFromTheShellArrivesIntact() throws Exception {
        sendAndCheck("first.bin", 3 * 1024 * 1024 + 17, "socks5");
    }

    @Test
    public void step4_withoutTheSocks5FeatureTransfersGoInBand() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        // the parts as features of their own, so one of them can go (a feature installed only as
        // part of another cannot be uninstalled by itself)
        shell.ok("feature:install sift-core sift-ibb sift-socks5 sift-shell");
        shell.ok("feature:uninstall sift");
        shell.ok("feature:uninstall sift-socks5");
        await("no " + SOCKS5_BUNDLE + " bundle", () -> bundle(SOCKS5_BUNDLE) == null);
        for (String name : CORE_BUNDLES) {
            awaitActive(name);
        }
        awaitOnline("alice@localhost");
        awaitOnline("bob@localhost");
        sendAndCheck("second.bin", 1024 * 1024 + 5, "ibb");
    }

    @Test
    public void step5_askPolicyHoldsOffersForSiftAcceptAndDecline() throws Exception {
        org.osgi.service.cm.Configuration shellConfig = configAdmin.getConfiguration("io.sift.shell", "?");
        Hashtable<String, Object> ask = new Hashtable<>();
        ask.put("askOffers", "true");
        ask.put("askTimeoutSeconds", "60");
        shellConfig.update(ask);
        await("the shell's offer handler", () -> offerHandlerOf("io.sift.shell"));
        KarafShell shell = new KarafShell(sessionFactory);
        Path chosen = files().resolve("chosen");

        byte[] data = new byte[256 * 1024 + 3];
        new Random(5).nextBytes(data);
        Path accepted = Files.write(Files.createDirectories(files().resolve("outgoing")).resolve("asked.bin"), data);
        CompletableFuture<KarafShell.Result> sending = CompletableFuture.supplyAsync(
                () -> shell.run("sift:send --account alice@localhost bob@localhost " + accepted));
        String id = awaitWaitingOffer(shell);
        assertTrue(shell.ok("sift:accept " + id + " " + chosen).startsWith("Accepted " + id + ": asked.bin into " + chosen));
        String sent = sending.get(READY.toSeconds(), TimeUnit.SECONDS).orFail("sift:send").output();
        assertTrue(sent, sent.contains("Completed: asked.bin"));
        Path received = chosen.resolve("asked.bin");
        await(received + " stored", () -> Files.isRegularFile(received));
        assertArrayEquals(data, Files.readAllBytes(received));

        Path refused = Files.writeString(files().resolve("outgoing").resolve("refused.txt"), "no thanks");
        CompletableFuture<KarafShell.Result> refusing = CompletableFuture.supplyAsync(
                () -> shell.run("sift:send --account alice@localhost bob@localhost " + refused));
        String second = awaitWaitingOffer(shell);
        assertTrue(shell.ok("sift:decline " + second).startsWith("Declined " + second + ": refused.txt"));
        // a file not delivered fails the command (a script sees it in the exit status), with the outcome
        Exception declined = refusing.get(READY.toSeconds(), TimeUnit.SECONDS).failure();
        assertTrue(String.valueOf(declined), declined != null
                && declined.getMessage().contains("Declined: refused.txt to bob@localhost"));
        String unknown = shell.run("sift:accept " + second).failure().getMessage();
        assertEquals("no offer " + second + " is waiting for an answer (see sift:transfers)", unknown);
    }

    /** The id of the one offer that waits for an answer, once sift:transfers shows it. */
    private String awaitWaitingOffer(KarafShell shell) throws InterruptedException {
        Pattern waiting = Pattern.compile("waiting \\(sift:accept (\\S+)\\)");
        String[] id = new String[1];
        await("an offer waiting for an answer", () -> {
            Matcher m = waiting.matcher(shell.ok("sift:transfers"));
            if (m.find()) {
                id[0] = m.group(1);
                return true;
            }
            return false;
        });
        return id[0];
    }

    private boolean offerHandlerOf(String symbolicName) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences("io.sift.api.OfferHandler", null);
            return refs != null && Arrays.stream(refs).anyMatch(r -> symbolicName.equals(r.getBundle().getSymbolicName()));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void sendAndCheck(String name, int size, String expectedMethod) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        Path file = Files.write(Files.createDirectories(files().resolve("outgoing")).resolve(name), data);
        String output = new KarafShell(sessionFactory)
                .ok("sift:send --account alice@localhost bob@localhost " + file);
        assertTrue(output, output.contains("Completed: " + name));
        assertTrue(output, output.contains("over " + expectedMethod));
        assertTrue(output, output.contains("SHA-256: "));
        Path received = files().resolve("downloads").resolve(name);
        await(received + " stored", () -> Files.isRegularFile(received));
        assertArrayEquals(data, Files.readAllBytes(received));
    }

    private void awaitActive(String symbolicName) throws InterruptedException {
        await(symbolicName + " active", () -> {
            Bundle b = bundle(symbolicName);
            return b != null && b.getState() == Bundle.ACTIVE;
        });
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles())
                .filter(b -> symbolicName.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
    }

    private void awaitOnline(String jid) throws InterruptedException {
        await(jid + " online", () -> {
            try {
                return context.getServiceReferences("io.sift.api.FileTransferService", "(sift.jid=" + jid + ")") != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    private static Path files() throws IOException {
        return SiftKaraf.files(KarafFeaturesIT.class);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(READY, what, condition);
    }
}
