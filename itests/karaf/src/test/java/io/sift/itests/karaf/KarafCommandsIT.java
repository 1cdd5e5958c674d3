package io.sift.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
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
import org.jline.reader.Candidate;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The sift: commands as Karaf's own: their help, what TAB offers for every kind of argument, the
 * state of each account configuration with the reason it is offline, a progress bar only in the
 * foreground of a console, and console notices of an offer that waits for an answer and of the file
 * that arrived. alice and bob log in, carol's configuration has a wrong password.
 *
 * <p>The steps build on each other, in name order, in one Karaf. The test class is loaded before
 * SIFT is installed, so it names SIFT's services by their class names only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class KarafCommandsIT {

    static final Duration READY = Duration.ofSeconds(60);

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
    public void step1_siftWithTwoAccountsAndAWrongPassword() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory).awaitCommands(READY, "feature:repo-add", "feature:install");
        shell.ok("feature:repo-add mvn:io.sift/sift-features/" + System.getProperty("sift.version") + "/xml/features");
        shell.ok("feature:install sift");
        await("the sift: commands", () -> shell.run("sift:accounts").failure() == null);
        // the features wrote sample files into etc/; this test configures through ConfigAdmin, which
        // FileInstall would undo if it read a file only afterwards
        for (String pid : SampleConfiguration.PIDS) {
            await(pid + " read from etc/", () -> SampleConfiguration.readFromEtc(configAdmin, pid));
        }
        assertEquals("Karaf's own commands only, not the Gogo functions of the same names", null,
                context.getServiceReferences((String) null, "(osgi.command.scope=sift)"));

        org.osgi.service.cm.Configuration transfer = configAdmin.getConfiguration("io.sift.filetransfer", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("offerPolicy", "ACCEPT");
        settings.put("downloadDirectory", files().resolve("downloads").toString());
        transfer.update(settings);
        await("file transfer active with offerPolicy=ACCEPT", () -> FileTransferComponent.activeWith(context, "ACCEPT"));
        account("alice", "alice-secret");
        account("bob", "bob-secret");
        account("carol", "not-carols");
        awaitService("io.sift.api.FileTransferService", "(sift.jid=alice@localhost)");
        awaitService("io.sift.api.FileTransferService", "(sift.jid=bob@localhost)");
        awaitService("io.sift.api.AccountStatus", "(&(sift.jid=carol@localhost)(sift.state=FAILED))");
        // bob's features learned by alice's contact view
        await("bob able to receive files in alice's contacts", () -> new KarafShell(sessionFactory)
                .ok("sift:contacts --account alice@localhost --no-format")
                .contains("bob@localhost\tbob\tcan receive files"));
    }

    @Test
    public void step2_helpShowsUsageArgumentsAndOptions() throws Exception {
        KarafShell shell = new KarafShell(sessionFactory);
        String help = shell.ok("sift:send --help");
        System.out.println("sift:send --help:\n" + help);
        for (String expected : new String[] {"DESCRIPTION", "sift:send", "Send files to an XMPP address",
                "SYNTAX", "sift:send [options] jid file", "ARGUMENTS", "jid", "The receiver", "file", "The files to send",
                "OPTIONS", "-m, --method", "Stream method: ibb or socks5", "-a, --account", "-d, --desc", "--help",
                "DETAILS", "Ctrl-C cancels"}) {
            assertTrue("'" + expected + "' in:\n" + help, help.contains(expected));
        }
        // 'help <command>' needs a terminal (Karaf's help runs the command with --help in a session
        // of its own that borrows the terminal), so it is typed on a console
        try (ConsoleSession console = new ConsoleSession(sessionFactory)) {
            console.type("help sift:send\n");
            String viaHelp = console.await(0, READY, "the help of sift:send", s -> s.contains("--account"));
            assertTrue(viaHelp, viaHelp.contains("sift:send [options] jid file") && viaHelp.contains("--method"));
            int from = console.screen().length();
            console.type("help sift\n");
            String commands = console.await(from, READY, "the sift: commands", s -> s.contains("sift:transfers"));
            for (String command : List.of("sift:accounts", "sift:contacts", "sift:send", "sift:receive", "sift:transfers",
                    "sift:accept", "sift:decline", "sift:cancel")) {
                assertTrue(command + " in:\n" + commands, commands.contains(command));
            }
        }
    }

    @Test
    public void step3_accountsShowEachConfigurationAndWhyItIsOffline() {
        String table = new KarafShell(sessionFactory).ok("sift:accounts");
        System.out.println("sift:accounts:\n" + table);
        String rows = new KarafShell(sessionFactory).ok("sift:accounts --no-format");
        assertTrue(rows, rows.contains("alice@localhost\tonline\tio.sift.connection~alice\talice@localhost/karaf"));
        assertTrue(rows, rows.contains("bob@localhost\tonline\tio.sift.connection~bob\tbob@localhost/karaf"));
        Matcher carol = Pattern.compile("carol@localhost\toffline \\(login refused\\)\tio.sift.connection~carol\t([^\t]*)")
                .matcher(rows);
        assertTrue(rows, carol.find());
        assertTrue(carol.group(1), carol.group(1).contains("the server refused the login (not-authorized)"));
        assertTrue(carol.group(1), carol.group(1).contains("check the password"));
        assertTrue(table, table.contains("ACCOUNT") && table.contains("offline (login refused)"));
    }

    @Test
    public void step4_tabCompletesOptionsMethodsAccountsContactsAndFiles() throws Exception {
        Path outgoing = Files.createDirectories(files().resolve("outgoing"));
        Files.writeString(outgoing.resolve("notes.txt"), "notes");
        try (ConsoleSession console = new ConsoleSession(sessionFactory)) {
            assertTrue(values(console.complete("sift:send -")).containsAll(
                    List.of("-m", "--method", "-a", "--account", "-d", "--desc", "--help")));
            assertEquals(List.of("ibb", "socks5"), sorted(values(console.complete("sift:send --method "))));
            assertEquals(List.of("alice@localhost", "bob@localhost", "carol@localhost"),
                    sorted(values(console.complete("sift:send --account "))));

            List<Candidate> contacts = console.complete("sift:send --account alice@localhost ");
            System.out.println("contacts of alice: " + describe(contacts));
            assertEquals(List.of("bob@localhost", "carol@localhost"), shown(contacts));
            assertEquals("can receive files", group(contacts, "bob@localhost"));
            assertEquals("offline", group(contacts, "carol@localhost"));

            List<String> files = values(console.complete("sift:send --account alice@localhost bob@localhost " + outgoing + "/"));
            assertTrue(files.toString(), files.contains(outgoing + "/notes.txt"));
            // a JID outside the roster still lets the file complete
            files = values(console.complete("sift:send dave@elsewhere.example " + outgoing + "/no"));
            assertTrue(files.toString(), files.contains(outgoing + "/notes.txt"));

            // TAB typed on the console lists the contacts in the same order, under their groups
            int from = console.screen().length();
            console.type("sift:send --account alice@localhost \t");
            String listing = console.await(from, READY, "the contacts listed", s -> s.contains("carol@localhost"));
            System.out.println("TAB listing:\n" + listing);
            assertTrue(listing, listing.indexOf("bob@localhost") < listing.indexOf("carol@localhost"));
            assertTrue(listing, listing.indexOf("can receive files") < listing.indexOf("offline"));
            console.type("\u0003");
        }
    }

    @Test
    public void step5_onlyTheForegroundDrawsProgress() throws Exception {
        Path outgoing = Files.createDirectories(files().resolve("outgoing"));
        Path front = Files.write(outgoing.resolve("front.bin"), random(2 * 1024 * 1024, 1));
        Path back = Files.write(outgoing.resolve("back.bin"), random(2 * 1024 * 1024, 2));
        try (ConsoleSession console = new ConsoleSession(sessionFactory)) {
            int from = console.screen().length();
            console.type("sift:send --account alice@localhost bob@localhost " + front + "\n");
            String foreground = console.await(from, READY, "the foreground send's outcome",
                    s -> s.contains("SHA-256: "));
            assertTrue(foreground, foreground.contains("Completed: front.bin"));
            assertTrue("a progress bar: " + foreground, foreground.contains("waiting for bob@localhost to accept...")
                    && foreground.contains("100%"));

            from = console.screen().length();
            console.type("sift:send --account alice@localhost bob@localhost " + back + " &\n");
            String background = console.await(from, READY, "the background send's outcome",
                    s -> s.contains("SHA-256: "));
            System.out.println("background send:\n" + background);
            assertTrue(background, background.contains("Completed: back.bin"));
            assertFalse("no progress bar in the background: " + background,
                    background.contains("%") || background.contains("waiting for"));
        }
        Path received = files().resolve("downloads").resolve("back.bin");
        await(received + " stored", () -> Files.isRegularFile(received));
    }

    @Test
    public void step6_consoleNoticesOfAnOfferWaitingAndOfTheFileReceived() throws Exception {
        org.osgi.service.cm.Configuration shellConfig = configAdmin.getConfiguration("io.sift.shell", "?");
        Hashtable<String, Object> ask = new Hashtable<>();
        ask.put("askOffers", "true");
        ask.put("askTimeoutSeconds", "60");
        shellConfig.update(ask);
        await("the shell's offer handler", () -> serviceOf("io.sift.api.OfferHandler", "io.sift.shell"));
        Path chosen = files().resolve("chosen");
        Path file = Files.write(Files.createDirectories(files().resolve("outgoing")).resolve("asked.bin"),
                random(256 * 1024 + 3, 3));
        KarafShell shell = new KarafShell(sessionFactory);
        try (ConsoleSession console = new ConsoleSession(sessionFactory)) {
            // a console is known once it ran a command (Karaf's consoles run their start-up script)
            console.type("sift:transfers\n");
            int from = console.await(0, READY, "the first command's output", s -> s.contains("No transfers")
                    || s.contains("ID")).length();

            CompletableFuture<KarafShell.Result> sending = CompletableFuture.supplyAsync(
                    () -> shell.run("sift:send --account alice@localhost bob@localhost " + file));
            String offer = console.await(from, READY, "a notice of the offer", s -> s.contains("sift: offer "));
            Matcher m = Pattern.compile("sift: offer (\\S+) from alice@localhost/karaf to bob@localhost: asked\\.bin "
                    + "\\(256\\.0 KiB\\); sift:accept (\\S+) \\[DIR\\] or sift:decline \\S+ within 1m00s").matcher(offer);
            assertTrue(offer, m.find());
            String id = m.group(1);
            assertEquals(id, m.group(2));

            assertEquals(List.of(id), values(console.complete("sift:accept ")));
            assertTrue(values(console.complete("sift:cancel ")).contains(id));

            from = console.screen().length();
            assertTrue(shell.ok("sift:accept " + id + " " + chosen).startsWith("Accepted " + id));
            String received = console.await(from, READY, "a notice of the file received",
                    s -> s.contains("sift: Completed: asked.bin"));
            System.out.println("console notices:\n" + offer + received);
            assertTrue(received, received.contains("from alice@localhost/karaf"));
            assertTrue(received, received.contains("-> " + chosen.resolve("asked.bin")));
            String sent = sending.get(READY.toSeconds(), TimeUnit.SECONDS).orFail("sift:send").output();
            assertTrue(sent, sent.contains("Completed: asked.bin"));
            assertFalse("headless sessions get no progress bar: " + sent, sent.contains("%"));
        } finally {
            shellConfig.delete();
        }
    }

    // --- helpers

    private static Path files() throws java.io.IOException {
        return SiftKaraf.files(KarafCommandsIT.class);
    }

    private void account(String user, String password) throws Exception {
        org.osgi.service.cm.Configuration account = configAdmin.getFactoryConfiguration("io.sift.connection", user, "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jid", user + "@" + LocalProsody.DOMAIN);
        props.put("password", password);
        props.put("host", LocalProsody.HOST);
        props.put("port", Integer.getInteger("sift.xmpp.port"));
        props.put("securityMode", "DISABLED");
        props.put("resource", "karaf");
        account.update(props);
    }

    private static List<String> values(List<Candidate> candidates) {
        return candidates.stream().map(Candidate::value).toList();
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }

    /** In the order the line reader shows them: groups by name, then each group's values. */
    private static List<String> shown(List<Candidate> candidates) {
        return candidates.stream()
                .sorted(Comparator.comparing((Candidate c) -> String.valueOf(c.group()).toLowerCase())
                        .thenComparing(Candidate::value))
                .map(Candidate::value).toList();
    }

    private static String group(List<Candidate> candidates, String value) {
        return candidates.stream().filter(c -> c.value().equals(value)).map(Candidate::group).findFirst().orElse(null);
    }

    private static String describe(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.value() + " [" + c.group() + "] " + c.descr()).toList().toString();
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private boolean serviceOf(String className, String symbolicName) {
        try {
            var refs = context.getServiceReferences(className, null);
            return refs != null && Arrays.stream(refs).anyMatch(r -> symbolicName.equals(r.getBundle().getSymbolicName()));
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private void awaitService(String className, String filter) throws InterruptedException {
        await(className + " " + filter, () -> {
            try {
                return context.getServiceReferences(className, filter) != null;
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(READY, what, condition);
    }
}
