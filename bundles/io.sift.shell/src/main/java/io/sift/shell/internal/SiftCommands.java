package io.sift.shell.internal;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import io.sift.api.FileTransferService;
import io.sift.api.SendOptions;
import io.sift.api.StreamMethods;
import io.sift.api.Transfer;
import io.sift.api.XmppAccount;
import io.sift.shell.text.Outcome;
import io.sift.shell.text.Printable;

/**
 * The {@code sift:} commands of Gogo (and so of Karaf's shell). They use SIFT's public API only.
 * A problem the user can fix (unknown account, unreadable file, unknown transfer) ends the command
 * with an exception carrying one line, which the shell prints without a stack trace; how a transfer
 * ended (declined, failed, timed out) is that transfer's outcome line.
 */
@Component(service = SiftCommands.class, property = {
        "osgi.command.scope=sift",
        "osgi.command.function=accounts",
        "osgi.command.function=send",
        "osgi.command.function=transfers",
        "osgi.command.function=accept",
        "osgi.command.function=decline",
        "osgi.command.function=cancel" })
public final class SiftCommands {

    static final Duration FRAME_INTERVAL = Duration.ofMillis(200);
    /** After Ctrl-C, how long to wait for the cancelled transfer to settle before printing its outcome. */
    static final Duration CANCEL_SETTLE = Duration.ofSeconds(5);

    private final Map<String, XmppAccount> online = new ConcurrentHashMap<>();
    private final Map<String, FileTransferService> services = new ConcurrentHashMap<>();
    private volatile ConfigurationAdmin configAdmin;
    private volatile OfferAsker asker;

    // --- sift:accounts

    @Descriptor("List the configured XMPP accounts and whether they are online")
    public void accounts(CommandSession session) {
        List<AccountRows.Row> rows = AccountRows.of(online.values(), services.keySet(), configuredAccounts());
        if (rows.isEmpty()) {
            session.getConsole().println("No account is configured (factory PID " + AccountRows.FACTORY_PID + ").");
            return;
        }
        Table table = new Table("ACCOUNT", "STATE", "SESSION");
        rows.forEach(r -> table.row(r.jid(), r.state(), r.detail()));
        session.getConsole().print(table.render());
    }

    // --- sift:send

    @Descriptor("Send a file to an XMPP address, showing its progress")
    public void send(CommandSession session,
            @Descriptor("stream method: ibb or socks5 (default: every method, best first)")
            @Parameter(names = {"-m", "--method"}, absentValue = "") String method,
            @Descriptor("a description shown to the receiver")
            @Parameter(names = {"-d", "--desc"}, absentValue = "") String description,
            @Descriptor("the account to send from (default: the only account online)")
            @Parameter(names = {"-a", "--account"}, absentValue = "") String account,
            @Descriptor("receiver: user@domain or user@domain/resource") String peer,
            @Descriptor("the file to send") String file) throws InterruptedException {
        FileTransferService service = sender(account);
        Path path = readableFile(session, file);
        SendOptions options = SendOptions.defaults();
        if (!description.isBlank()) {
            options = options.withDescription(description);
        }
        if (!method.isBlank()) {
            String namespace = StreamMethods.fromName(method)
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown stream method '" + Printable.of(method) + "' (use ibb or socks5)"));
            options = options.withMethods(List.of(namespace));
        }
        Transfer transfer;
        try {
            transfer = service.send(peer, path, options);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot send " + path.getFileName() + ": " + e.getMessage(), e);
        }
        PrintStream out = session.getConsole();
        out.println("Sending " + Printable.of(transfer.fileName()) + " from " + service.account() + " to "
                + Printable.of(peer) + " (transfer " + transfer.id() + ")");
        LiveProgress progress = new LiveProgress(out, TerminalWidth.of(name -> variable(session, name)),
                FRAME_INTERVAL, System::nanoTime);
        try {
            progress.follow(transfer);
        } catch (InterruptedException e) {
            transfer.cancel();
            settle(transfer);
            out.println(Outcome.line(transfer, elapsedSince(transfer.started())));
            throw e;
        }
        out.println(Outcome.line(transfer, elapsedSince(transfer.started())));
        transfer.sha256().ifPresent(sha -> out.println("SHA-256: " + sha + "  " + Printable.of(path.toString())));
    }

    // --- sift:transfers

    @Descriptor("List current and recent transfers of every account")
    public void transfers(CommandSession session) {
        List<Transfer> all = new ArrayList<>();
        services.values().forEach(s -> all.addAll(s.transfers()));
        all.sort(Comparator.comparing(Transfer::started));
        OfferAsker a = asker;
        if (all.isEmpty()) {
            session.getConsole().println("No transfers.");
            return;
        }
        session.getConsole().print(TransferRows.table(all, id -> a != null && a.get(id).isPresent()).render());
    }

    // --- sift:accept / sift:decline

    @Descriptor("Accept a file offer that waits for an answer, into the download directory")
    public void accept(CommandSession session, @Descriptor("transfer id (see sift:transfers)") String id) {
        accept(session, id, downloadDirectory().toString());
    }

    @Descriptor("Accept a file offer that waits for an answer, into a directory")
    public void accept(CommandSession session,
            @Descriptor("transfer id (see sift:transfers)") String id,
            @Descriptor("directory to store the file in") String directory) {
        OfferAsker a = waitingOffers();
        Path dir;
        try {
            dir = resolve(session, directory);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid directory: " + Printable.of(directory));
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a directory");
        }
        String name = a.get(id).map(p -> p.offer().fileName()).orElse(null);
        if (!a.accept(id, dir)) {
            throw new IllegalArgumentException(noOffer(id));
        }
        session.getConsole().println("Accepted " + Printable.of(id) + ": " + Printable.of(name) + " into " + dir);
    }

    @Descriptor("Decline a file offer that waits for an answer")
    public void decline(CommandSession session, @Descriptor("transfer id (see sift:transfers)") String id) {
        OfferAsker a = waitingOffers();
        String name = a.get(id).map(p -> p.offer().fileName()).orElse(null);
        if (!a.decline(id)) {
            throw new IllegalArgumentException(noOffer(id));
        }
        session.getConsole().println("Declined " + Printable.of(id) + ": " + Printable.of(name));
    }

    // --- sift:cancel

    @Descriptor("Cancel a transfer (or decline an offer that waits for an answer)")
    public void cancel(CommandSession session, @Descriptor("transfer id (see sift:transfers)") String id) {
        OfferAsker a = asker;
        if (a != null && a.decline(id)) {
            session.getConsole().println("Declined " + Printable.of(id) + " (it was waiting for an answer)");
            return;
        }
        Transfer transfer = find(id).orElseThrow(() -> new IllegalArgumentException(
                "no transfer " + Printable.of(id) + " (see sift:transfers)"));
        if (transfer.cancel()) {
            session.getConsole().println("Cancelled " + transfer.id() + ": " + Printable.of(transfer.fileName()));
        } else {
            throw new IllegalArgumentException("transfer " + transfer.id() + " has already ended ("
                    + transfer.state() + ")");
        }
    }

    // --- services

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindAccount(XmppAccount account) {
        online.put(account.jid(), account);
    }

    void unbindAccount(XmppAccount account) {
        online.remove(account.jid(), account);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindService(FileTransferService service) {
        services.put(service.account(), service);
    }

    void unbindService(FileTransferService service) {
        services.remove(service.account(), service);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConfigAdmin(ConfigurationAdmin admin) {
        configAdmin = admin;
    }

    void unbindConfigAdmin(ConfigurationAdmin admin) {
        if (configAdmin == admin) {
            configAdmin = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAsker(OfferAsker offerAsker) {
        asker = offerAsker;
    }

    void unbindAsker(OfferAsker offerAsker) {
        if (asker == offerAsker) {
            asker = null;
        }
    }

    // --- helpers

    private FileTransferService sender(String account) {
        if (!account.isBlank()) {
            String jid = account.strip();
            FileTransferService service = services.get(jid);
            if (service == null) {
                service = services.entrySet().stream()
                        .filter(e -> e.getKey().equalsIgnoreCase(jid))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (service == null) {
                throw new IllegalArgumentException("account " + Printable.of(jid) + " is not online"
                        + onlineList() + " (see sift:accounts)");
            }
            return service;
        }
        Map<String, FileTransferService> now = new TreeMap<>(services);
        if (now.isEmpty()) {
            throw new IllegalArgumentException("no account is online (see sift:accounts)");
        }
        if (now.size() > 1) {
            throw new IllegalArgumentException("several accounts are online (" + String.join(", ", now.keySet())
                    + "): choose one with --account");
        }
        return now.values().iterator().next();
    }

    private String onlineList() {
        return services.isEmpty() ? "; no account is online" : "; online: " + String.join(", ", new TreeMap<>(services).keySet());
    }

    private static Path readableFile(CommandSession session, String file) {
        Path path;
        try {
            path = resolve(session, file);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a valid file name: " + Printable.of(file));
        }
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new IllegalArgumentException("file not readable: " + path);
        }
        return path;
    }

    /** A path as the user typed it: {@code ~} is the home directory, relative to the shell's directory. */
    static Path resolve(CommandSession session, String name) {
        String n = name.strip();
        if (n.equals("~") || n.startsWith("~/")) {
            return Path.of(System.getProperty("user.home", ".")).resolve(n.substring(1).replaceFirst("^/", ""))
                    .toAbsolutePath().normalize();
        }
        Path path = Path.of(n);
        if (path.isAbsolute()) {
            return path.normalize();
        }
        return currentDirectory(session).resolve(path).toAbsolutePath().normalize();
    }

    private static Path currentDirectory(CommandSession session) {
        try {
            Path dir = session == null ? null : session.currentDir();
            if (dir != null) {
                return dir;
            }
        } catch (RuntimeException | AbstractMethodError unsupported) {
            // a shell without a notion of current directory
        }
        return Path.of("").toAbsolutePath();
    }

    private static Object variable(CommandSession session, String name) {
        try {
            Object value = session.get(name);
            return value != null ? value : System.getenv(name.startsWith("#") ? name.substring(1) : name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private OfferAsker waitingOffers() {
        OfferAsker a = asker;
        if (a == null || !a.isAsking()) {
            throw new IllegalArgumentException("offers do not wait for an answer here: set askOffers=true in "
                    + ShellConfig.PID + " to decide them with sift:accept and sift:decline");
        }
        return a;
    }

    private static String noOffer(String id) {
        return "no offer " + Printable.of(id) + " is waiting for an answer (see sift:transfers)";
    }

    private Optional<Transfer> find(String id) {
        String wanted = id.strip();
        for (FileTransferService service : services.values()) {
            Optional<Transfer> t = service.transfer(wanted);
            if (t.isPresent()) {
                return t;
            }
        }
        return Optional.empty();
    }

    private List<AccountRows.Configured> configuredAccounts() {
        ConfigurationAdmin admin = configAdmin;
        return admin == null ? List.of() : AccountRows.configured(admin);
    }

    private Path downloadDirectory() {
        ConfigurationAdmin admin = configAdmin;
        return DownloadDirectory.of(admin, System.getProperty("user.home", "."));
    }

    private static void settle(Transfer transfer) {
        try {
            transfer.completion().toCompletableFuture().get(CANCEL_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            // print whatever state it has reached
        }
    }

    private static Duration elapsedSince(Instant start) {
        return Duration.between(start, Instant.now());
    }
}
