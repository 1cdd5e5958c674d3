package io.sift.eclipse.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.commands.IHandler;
import org.eclipse.core.expressions.EvaluationContext;
import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtensionRegistry;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.api.ContactView;
import io.sift.api.Direction;
import io.sift.api.FileTransferService;
import io.sift.api.Transfer;
import io.sift.api.TransferState;

/**
 * "Send File to Colleague…" for real: Equinox with the Eclipse UI bundles and the p2 repository's
 * content, SWT on Xvfb, alice and bob on the local Prosody in the same framework. The command's
 * handler (created from plugin.xml, as the workbench creates it) opens the dialog, the test picks bob
 * and sends; bob's offer prompt is answered, and what reaches bob is compared byte for byte (SHA-256).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SendFileToColleagueIT {

    private static final Duration DONE = Duration.ofSeconds(120);
    private static final String ALICE = "alice@localhost";
    private static final String BOB = "bob@localhost";
    private static final String COMMAND = "io.sift.eclipse.sendFile";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Display display;
    private Shell window;
    private ProgressWindow progress;
    private ServiceRegistration<Display> displayService;
    private final List<org.osgi.service.cm.Configuration> configs = new java.util.ArrayList<>();
    private Path downloads;
    private Path outbox;

    @Configuration
    public Option[] config() {
        return EclipseRuntime.withProsody();
    }

    @Before
    public void setUp() throws Exception {
        if (System.getenv("DISPLAY") == null || System.getenv("DISPLAY").isBlank()) {
            fail("No X display: the Eclipse UI tests need one. Install Xvfb and GTK 3 (apt-get install -y xvfb "
                    + "libgtk-3-0; .ci/run does it); the tests start Xvfb themselves through src/test/xvfb/bin/java.");
        }
        downloads = EclipseRuntime.files("downloads");
        outbox = EclipseRuntime.files("outbox");
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        // SIFT's offer prompt finds the UI thread's display this way when no workbench runs
        displayService = context.registerService(Display.class, display, null);
        window = new Shell(display);
        window.setText("Eclipse");
        window.setBounds(0, 0, 1000, 600);
        window.open();
        progress = new ProgressWindow(display);
        Job.getJobManager().setProgressProvider(progress);

        Hashtable<String, Object> transfer = new Hashtable<>();
        transfer.put("downloadDirectory", downloads.toString());
        transfer.put("offerPolicy", "DECLINE");
        org.osgi.service.cm.Configuration ft = configAdmin.getConfiguration("io.sift.filetransfer", "?");
        ft.update(transfer);
        configs.add(ft);
        configs.add(account("alice"));
        configs.add(account("bob"));
        Await.until(DONE, "alice sees bob able to receive files", () -> contacts(ALICE)
                .flatMap(v -> v.contact(BOB)).map(c -> c.canReceiveFiles()).orElse(false));
        service(FileTransferService.class, BOB);
    }

    @After
    public void tearDown() throws Exception {
        Job.getJobManager().setProgressProvider(null);
        for (org.osgi.service.cm.Configuration config : configs) {
            config.delete();
        }
        displayService.unregister();
        for (Shell shell : display.getShells()) {
            shell.dispose();
        }
    }

    @Test
    public void theRepositorysBundlesResolveAndStartBesideTheEclipseUi() throws Exception {
        Path plugins = Path.of(System.getProperty("sift.p2.plugins"));
        try (Stream<Path> jars = Files.list(plugins)) {
            for (Path jar : jars.toList()) {
                Bundle bundle = Arrays.stream(context.getBundles())
                        .filter(b -> b.getLocation().endsWith(jar.getFileName().toString())).findFirst()
                        .orElseThrow(() -> new AssertionError(jar.getFileName() + " is not installed"));
                boolean fragment = (bundle.adapt(BundleRevision.class).getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
                assertTrue(bundle.getSymbolicName() + " is " + bundle.getState(),
                        fragment ? bundle.getState() == Bundle.RESOLVED : bundle.getState() == Bundle.ACTIVE);
            }
        }
        Bundle smackCore = Arrays.stream(context.getBundles()).filter(b -> "smack-core".equals(b.getSymbolicName()))
                .findFirst().orElseThrow();
        assertEquals("4.4.8.sift-pkcs11-optional", smackCore.getVersion().toString());
        // nobody exports the JDK-internal package: smack-core resolved without it
        assertTrue(Arrays.stream(context.getBundle(0).getHeaders().get("Export-Package") == null ? new String[0]
                : new String[] { context.getBundle(0).getHeaders().get("Export-Package") })
                .noneMatch(h -> h.contains("sun.security.pkcs11")));

        IExtensionRegistry registry = registry();
        IConfigurationElement command = Arrays.stream(registry.getConfigurationElementsFor("org.eclipse.ui.commands"))
                .filter(e -> COMMAND.equals(e.getAttribute("id"))).findFirst().orElseThrow();
        assertEquals("Send File to Colleague\u2026", command.getAttribute("name"));
        List<String> menus = Arrays.stream(registry.getConfigurationElementsFor("org.eclipse.ui.menus"))
                .map(e -> e.getAttribute("locationURI")).toList();
        assertTrue(menus.toString(), menus.contains("menu:file?after=additions"));
        assertTrue(menus.toString(), menus.contains("popup:org.eclipse.ui.popup.any?after=additions"));
        assertTrue(Arrays.stream(registry.getConfigurationElementsFor("org.eclipse.ui.preferencePages"))
                .anyMatch(e -> "io.sift.eclipse.preferences".equals(e.getAttribute("id"))));
    }

    @Test
    public void theDialogPicksBobAndTheJobSendsTheFileIntact() throws Exception {
        Path file = randomFile("design-notes.bin", 3 << 20);
        String description = "Notes for Thursday";
        IHandler handler = handler();
        ExecutionEvent event = event(file);

        Transfer received = Ui.drive(display, DONE.multipliedBy(2), () -> {
            Ui ui = new Ui(display);
            Shell dialog = ui.awaitShell("Send File to Colleague");
            ui.run(() -> Ui.named(dialog, "sift.to", Text.class).setText("bo"));
            // filtered as typed, bob shown with his presence
            Await.until(Ui.WAIT, "bob listed as able to receive files", () -> ui.sync(() -> {
                Table table = Ui.named(dialog, "sift.contacts", Table.class);
                return table.getItemCount() == 1 && table.getItem(0).getText(1).contains(BOB)
                        && table.getItem(0).getText(2).contains("can receive files");
            }));
            ui.run(() -> {
                Table table = Ui.named(dialog, "sift.contacts", Table.class);
                table.setSelection(0);
                table.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
                Ui.named(dialog, "sift.description", Text.class).setText(description);
            });
            assertEquals(BOB, ui.sync(() -> Ui.named(dialog, "sift.to", Text.class).getText()));
            assertEquals(List.of(file.toString()), ui.sync(() -> List.of(
                    Ui.named(dialog, "sift.files", org.eclipse.swt.widgets.List.class).getItems())));
            ui.screenshot(dialog, "1-send-dialog");
            ui.run(() -> Ui.click(Ui.named(dialog, "sift.send", Button.class)));

            // bob's side: the prompt, with what alice wrote
            Shell prompt = ui.awaitShell("File offered by " + ALICE);
            String shown = ui.sync(() -> Ui.find(prompt, c -> c instanceof Label l && l.getText().equals(description),
                    Label.class).map(Label::getText).orElse(""));
            assertEquals(description, shown);
            Await.until(Ui.WAIT, "the job waiting for bob in the progress view",
                    () -> progress.subTask("Sending design-notes.bin").startsWith("waiting for " + BOB));
            ui.screenshot(progress.shell(), "2-progress-waiting");
            ui.screenshot(prompt, "3-offer-prompt");
            ui.run(() -> Ui.click(Ui.named(prompt, "sift.accept", Button.class)));

            Shell toast = ui.awaitShell("design-notes.bin received from " + ALICE);
            ui.screenshot(toast, "4-received-notification");
            ui.awaitShell("design-notes.bin sent to " + BOB);
            ui.screenshot(progress.shell(), "5-progress-done");
            return transfer(BOB, Direction.INCOMING, "design-notes.bin");
        });

        Transfer sent = transfer(ALICE, Direction.OUTGOING, "design-notes.bin");
        assertEquals(TransferState.COMPLETED, sent.state());
        assertEquals(TransferState.COMPLETED, received.state());
        assertEquals(Optional.of(description), received.description());
        assertEquals(sha256(file), sha256(received.file().orElseThrow()));
        assertEquals(downloads, received.file().orElseThrow().getParent());
        assertEquals(sent.sha256(), received.sha256());
        assertNotNull(handler);
    }

    @Test
    public void cancelInTheProgressViewCancelsTheTransferOnBothSides() throws Exception {
        // in-band only, so the bytes take long enough to cancel them on the way
        Bundle socks5 = bundle("io.sift.socks5");
        socks5.stop();
        try {
            Path file = outbox.resolve("big-build.iso");
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(1L << 30);
            }
            ExecutionEvent event = event(file);
            IHandler handler = handler();
            Ui.drive(display, DONE.multipliedBy(2), () -> {
                Ui ui = new Ui(display);
                Shell dialog = ui.awaitShell("Send File to Colleague");
                ui.run(() -> Ui.named(dialog, "sift.to", Text.class).setText(BOB));
                ui.run(() -> Ui.click(Ui.named(dialog, "sift.send", Button.class)));
                Shell prompt = ui.awaitShell("File offered by " + ALICE);
                ui.run(() -> Ui.click(Ui.named(prompt, "sift.accept", Button.class)));
                // bytes on the way: counted by alice's transfer and shown in the progress view
                Await.until(DONE, "alice's bytes moving (alice: " + state(ALICE, Direction.OUTGOING, "big-build.iso") + ")",
                        () -> find(ALICE, Direction.OUTGOING, "big-build.iso").map(t -> t.bytesTransferred() > 0)
                                .orElse(false));
                Await.until(DONE, "a byte count in the progress view", () -> {
                    String line = progress.subTask("Sending big-build.iso");
                    return line.contains(" at ") && !line.startsWith("0 B ");
                });
                ui.screenshot(progress.shell(), "6-progress-moving");
                Job sending = Arrays.stream(Job.getJobManager().find("io.sift.eclipse.transfers"))
                        .filter(j -> j.getName().startsWith("Sending big-build.iso")).findFirst().orElseThrow();
                sending.cancel();
                Await.until(DONE, "both sides cancelled (alice: " + state(ALICE, Direction.OUTGOING, "big-build.iso")
                        + ", bob: " + state(BOB, Direction.INCOMING, "big-build.iso") + " when the cancel was made)",
                        () -> find(ALICE, Direction.OUTGOING, "big-build.iso")
                        .map(t -> t.state() == TransferState.CANCELLED).orElse(false)
                        && find(BOB, Direction.INCOMING, "big-build.iso")
                                .map(t -> t.state() == TransferState.CANCELLED).orElse(false));
                return null;
            });
            Transfer sent = transfer(ALICE, Direction.OUTGOING, "big-build.iso");
            assertTrue("cancelled on the way: " + sent.bytesTransferred(),
                    sent.bytesTransferred() > 0 && sent.bytesTransferred() < sent.size());
            assertTrue(Files.notExists(downloads.resolve("big-build.iso")));
            assertNotNull(handler);
        } finally {
            socks5.start();
        }
    }

    @Test
    public void cancelInTheDialogSendsNothing() throws Exception {
        Path file = randomFile("not-this-one.txt", 1000);
        ExecutionEvent event = event(file);
        handler();
        int before = service(FileTransferService.class, ALICE).transfers().size();
        Ui.drive(display, DONE, () -> {
            Ui ui = new Ui(display);
            Shell dialog = ui.awaitShell("Send File to Colleague");
            ui.run(() -> Ui.named(dialog, "sift.to", Text.class).setText(BOB));
            ui.run(() -> Ui.click(Ui.named(dialog, "sift.cancel", Button.class)));
            Await.until(Ui.WAIT, "the dialog closed", () -> ui.sync(() -> ui.shell("Send File to Colleague").isEmpty()));
            return null;
        });
        assertEquals(before, service(FileTransferService.class, ALICE).transfers().size());
        assertTrue(Job.getJobManager().find("io.sift.eclipse.transfers").length == 0);
        assertTrue(find(ALICE, Direction.OUTGOING, "not-this-one.txt").isEmpty());
    }

    // --- helpers ---

    /** The handler as the workbench makes it: from plugin.xml, through the extension registry. */
    private IHandler handler() throws Exception {
        IConfigurationElement element = Arrays.stream(registry().getConfigurationElementsFor("org.eclipse.ui.handlers"))
                .filter(e -> COMMAND.equals(e.getAttribute("commandId"))).findFirst().orElseThrow();
        return (IHandler) element.createExecutableExtension("class");
    }

    /** The command as a Project Explorer selection of the file would run it, scheduled on the UI thread. */
    private ExecutionEvent event(Path file) throws Exception {
        EvaluationContext variables = new EvaluationContext(null, new Object());
        variables.addVariable("selection", new StructuredSelection(file));
        variables.addVariable("activeShell", window);
        ExecutionEvent event = new ExecutionEvent(null, Map.of(), null, variables);
        IHandler handler = handler();
        display.asyncExec(() -> {
            try {
                handler.execute(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return event;
    }

    private IExtensionRegistry registry() {
        ServiceReference<IExtensionRegistry> ref = context.getServiceReference(IExtensionRegistry.class);
        assertNotNull("no extension registry", ref);
        return context.getService(ref);
    }

    private org.osgi.service.cm.Configuration account(String user) throws IOException {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("jid", user + "@localhost");
        props.put("password", user + "-secret");
        props.put("host", "127.0.0.1");
        props.put("port", EclipseRuntime.c2sPort());
        props.put("securityMode", "DISABLED");
        props.put("resource", "eclipse");
        org.osgi.service.cm.Configuration config = configAdmin.getFactoryConfiguration("io.sift.connection", user, "?");
        config.update(props);
        return config;
    }

    private Optional<ContactView> contacts(String account) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(ContactView.class.getName(), "(sift.jid=" + account + ")");
            return refs == null ? Optional.empty() : Optional.of((ContactView) context.getService(refs[0]));
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private <T> T service(Class<T> type, String account) throws Exception {
        String filter = "(sift.jid=" + account + ")";
        Await.until(DONE, type.getSimpleName() + " " + filter, () -> {
            try {
                return context.getServiceReferences(type.getName(), filter) != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
        });
        return type.cast(context.getService(context.getServiceReferences(type.getName(), filter)[0]));
    }

    private Optional<Transfer> find(String account, Direction direction, String name) {
        try {
            return service(FileTransferService.class, account).transfers().stream()
                    .filter(t -> t.direction() == direction && t.fileName().equals(name)).reduce((a, b) -> b);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String state(String account, Direction direction, String name) {
        return find(account, direction, name).map(t -> t.state() + " " + t.bytesTransferred() + " B"
                + t.failure().map(f -> " " + f).orElse("")).orElse("none");
    }

    private Transfer transfer(String account, Direction direction, String name) throws InterruptedException {
        Await.until(DONE, name + " final at " + account, () -> find(account, direction, name)
                .map(t -> t.state().isFinal()).orElse(false));
        return find(account, direction, name).orElseThrow();
    }

    private Bundle bundle(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow();
    }

    private Path randomFile(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        Path file = outbox.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
