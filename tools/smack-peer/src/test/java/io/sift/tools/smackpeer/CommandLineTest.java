package io.sift.tools.smackpeer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandLineTest {

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createFile() throws IOException {
        file = Files.writeString(dir.resolve("payload.bin"), "hello");
    }

    private List<String> send(String... extra) {
        List<String> args = new ArrayList<>(List.of("send", "--jid", "alice@localhost", "--password", "alice-secret",
                "--to", "bob@localhost/itest", "--file", file.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private List<String> receive(String... extra) {
        List<String> args = new ArrayList<>(List.of("receive", "--jid", "bob@localhost", "--password", "bob-secret",
                "--into", dir.toString()));
        args.addAll(List.of(extra));
        return args;
    }

    private static String problem(List<String> args) {
        return assertThrows(UsageException.class, () -> CommandLine.parse(args)).getMessage();
    }

    private static List<String> without(List<String> args, String option) {
        List<String> copy = new ArrayList<>(args);
        int i = copy.indexOf(option);
        copy.remove(i + 1);
        copy.remove(i);
        return copy;
    }

    @Test
    void sendTakesTheDefaults() throws UsageException {
        SendCommand c = (SendCommand) CommandLine.parse(send());
        assertEquals("alice@localhost", c.login().jid().toString());
        assertEquals("alice-secret", c.login().password());
        assertEquals("127.0.0.1", c.login().host());
        assertEquals(5222, c.login().port());
        assertEquals("smack", c.login().resource().toString());
        assertEquals("bob@localhost/itest", c.to().toString());
        assertEquals(List.of(file), c.files());
        assertFalse(c.oneByOne());
        assertEquals(SendCommand.Method.ANY, c.method());
        assertEquals(OptionalInt.empty(), c.ibbBlockSize());
        assertEquals(Optional.empty(), c.description());
        assertEquals(StreamhostOptions.SMACK_DEFAULT, c.streamhosts());
        assertEquals(Duration.ofSeconds(120), c.timeout());
        assertFalse(c.verbose());
    }

    @Test
    void sendTakesEveryOption() throws UsageException {
        SendCommand c = (SendCommand) CommandLine.parse(send("--host", "::1", "--port", "15222",
                "--resource", "bench", "--method", "IBB", "--ibb-block-size", "65535",
                "--streamhost", "127.0.0.1", "--streamhost", "192.0.2.7", "--timeout", "30",
                "--desc", "two words", "--verbose"));
        assertEquals("::1", c.login().host());
        assertEquals(15222, c.login().port());
        assertEquals("bench", c.login().resource().toString());
        assertEquals(SendCommand.Method.IBB, c.method());
        assertEquals(OptionalInt.of(65535), c.ibbBlockSize());
        assertEquals(Optional.of("two words"), c.description());
        assertEquals(List.of("127.0.0.1", "192.0.2.7"),
                c.streamhosts().addresses().stream().map(InetAddress::getHostAddress).toList());
        assertTrue(c.streamhosts().localEnabled());
        assertEquals(Duration.ofSeconds(30), c.timeout());
        assertTrue(c.verbose());
    }

    @Test
    void sendTakesSeveralFilesInTheirOrder() throws IOException, UsageException {
        Path second = Files.writeString(dir.resolve("second.txt"), "2");
        Path third = Files.writeString(Files.createDirectory(dir.resolve("sub")).resolve("third"), "3");
        SendCommand c = (SendCommand) CommandLine.parse(send("--file", second.toString(), "--one-by-one",
                "--file", third.toString()));
        assertEquals(List.of(file, second, third), c.files());
        assertTrue(c.oneByOne());
    }

    @Test
    void everyFileIsChecked() {
        String missing = dir.resolve("missing").toString();
        assertEquals("--file: '" + missing + "' is not a readable file", problem(send("--file", missing)));
    }

    @Test
    void twoFilesWithOneFileNameAreRejected() throws IOException {
        Path sameName = Files.writeString(Files.createDirectory(dir.resolve("other")).resolve("payload.bin"), "x");
        assertEquals("--file: '" + file + "' and '" + sameName + "' have the same file name: the receiver could not"
                + " tell them apart", problem(send("--file", sameName.toString())));
        // the same file twice is the same name twice
        assertEquals("--file: '" + file + "' and '" + file + "' have the same file name: the receiver could not"
                + " tell them apart", problem(send("--file", file.toString())));
    }

    @Test
    void receiveTakesTheDefaultsAndOptions() throws UsageException {
        ReceiveCommand c = (ReceiveCommand) CommandLine.parse(receive());
        assertEquals(1, c.count());
        assertEquals(dir.toAbsolutePath().normalize(), c.into());
        assertEquals(Duration.ofSeconds(120), c.timeout());

        assertFalse(c.keepGoing());
        assertTrue(c.digest());

        ReceiveCommand d = (ReceiveCommand) CommandLine.parse(receive("--count", "3", "--no-local-streamhost",
                "--keep-going", "--no-digest"));
        assertEquals(3, d.count());
        assertTrue(d.keepGoing());
        assertFalse(d.digest());
        assertFalse(d.streamhosts().localEnabled());
        assertEquals(List.of(), d.streamhosts().addresses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--jid", "--password", "--to", "--file"})
    void missingRequiredSendOptionIsNamed(String option) {
        assertEquals("missing required option " + option, problem(without(send(), option)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--jid", "--password", "--into"})
    void missingRequiredReceiveOptionIsNamed(String option) {
        assertEquals("missing required option " + option, problem(without(receive(), option)));
    }

    @Test
    void blocksSendTakesTheDefaultsAndOptions() throws UsageException {
        BlockSendCommand c = (BlockSendCommand) CommandLine.parse(List.of("blocks-send", "--jid", "alice@localhost",
                "--password", "alice-secret", "--to", "bob@localhost/blocks", "--file", file.toString()));
        assertEquals("alice@localhost", c.login().jid().toString());
        assertEquals("bob@localhost/blocks", c.to().toString());
        assertEquals(file, c.file());
        assertEquals(65535, c.blockSize());
        assertEquals(64, c.window());
        assertEquals(1, c.streams());
        assertFalse(c.oneListener());
        assertEquals(Duration.ofSeconds(120), c.timeout());

        BlockSendCommand d = (BlockSendCommand) CommandLine.parse(List.of("blocks-send", "--jid", "alice@localhost",
                "--password", "alice-secret", "--to", "bob@localhost/blocks", "--file", file.toString(),
                "--ibb-block-size", "4096", "--window", "4", "--port", "25222", "--timeout", "30", "--verbose",
                "--streams", "3", "--one-listener"));
        assertEquals(4096, d.blockSize());
        assertEquals(4, d.window());
        assertEquals(3, d.streams());
        assertTrue(d.oneListener());
        assertEquals(25222, d.login().port());
        assertEquals(Duration.ofSeconds(30), d.timeout());
        assertTrue(d.verbose());
    }

    @Test
    void blocksCommandsTakeOnlyTheirOwnOptionsAndCheckThem() throws UsageException {
        List<String> send = List.of("blocks-send", "--jid", "alice@localhost", "--password", "alice-secret",
                "--to", "bob@localhost/blocks", "--file", file.toString());
        assertEquals("--window: 0 is out of range (1-1024)", problem(with(send, "--window", "0")));
        assertEquals("--ibb-block-size: 65536 is out of range (1-65535)", problem(with(send, "--ibb-block-size", "65536")));
        assertEquals("unknown option --streamhost for blocks-send", problem(with(send, "--streamhost", "127.0.0.1")));
        assertEquals("option --file given twice", problem(with(send, "--file", file.toString())));
        assertEquals("missing required option --to", problem(without(send, "--to")));
        assertEquals("--streams: 0 is out of range (1-1000)", problem(with(send, "--streams", "0")));

        List<String> receive = List.of("blocks-receive", "--jid", "bob@localhost", "--password", "bob-secret");
        Path into = dir.resolve("received.bin");
        BlockReceiveCommand c = (BlockReceiveCommand) CommandLine.parse(with(receive, "--into", into.toString()));
        assertEquals(into.toAbsolutePath().normalize(), c.into());
        assertEquals(1, c.streams());
        assertEquals(5, ((BlockReceiveCommand) CommandLine.parse(with(receive, "--into", into.toString(), "--streams",
                "5"))).streams());
        assertEquals("--streams: 1001 is out of range (1-1000)",
                problem(with(receive, "--into", into.toString(), "--streams", "1001")));
        assertEquals("unknown option --one-listener for blocks-receive",
                problem(with(receive, "--into", into.toString(), "--one-listener")));
        assertEquals("missing required option --into", problem(receive));
        assertEquals("--into: '" + file + "' exists already", problem(with(receive, "--into", file.toString())));
        String nowhere = dir.resolve("missing/received.bin").toString();
        assertEquals("--into: '" + nowhere + "' is not in a writable directory", problem(with(receive, "--into", nowhere)));
        assertEquals("unknown option --count for blocks-receive", problem(with(receive, "--count", "2")));
    }

    private static List<String> with(List<String> args, String... extra) {
        List<String> copy = new ArrayList<>(args);
        copy.addAll(List.of(extra));
        return copy;
    }

    @Test
    void missingOrUnknownCommandIsNamed() {
        assertEquals("missing command: send, receive, blocks-send or blocks-receive", problem(List.of()));
        assertEquals("unknown command 'fetch': expected send, receive, blocks-send or blocks-receive", problem(List.of("fetch")));
        assertEquals("unknown command '--jid': expected send, receive, blocks-send or blocks-receive", problem(List.of("--jid", "a@b")));
    }

    @Test
    void unknownOptionIsNamed() {
        assertEquals("unknown option --bogus for send", problem(send("--bogus", "1")));
        // an option of the other command is unknown too
        assertEquals("unknown option --into for send", problem(send("--into", dir.toString())));
        assertEquals("unknown option --file for receive", problem(receive("--file", file.toString())));
        assertEquals("unknown option --method for receive", problem(receive("--method", "ibb")));
        assertEquals("unknown option --one-by-one for receive", problem(receive("--one-by-one")));
    }

    @Test
    void strayArgumentIsNamed() {
        assertEquals("unexpected argument 'extra'", problem(send("extra")));
    }

    @Test
    void repeatedSingleOptionIsRejected() {
        assertEquals("option --port given twice", problem(send("--port", "1", "--port", "2")));
        assertEquals("option --verbose given twice", problem(send("--verbose", "--verbose")));
        // --file and --streamhost are the only ones that repeat
        assertEquals("option --to given twice", problem(send("--to", "carol@localhost/x")));
        assertEquals("option --one-by-one given twice", problem(send("--one-by-one", "--one-by-one")));
        assertEquals("option --method given twice", problem(send("--method", "ibb", "--method", "ibb")));
        assertEquals("option --desc given twice", problem(send("--desc", "a", "--desc", "b")));
        assertEquals("option --into given twice", problem(receive("--into", dir.toString())));
    }

    @Test
    void optionWithoutValueIsNamed() {
        assertEquals("option --timeout needs a value", problem(send("--timeout")));
        assertEquals("option --port needs a value", problem(send("--port", "--verbose")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "0x10", "", " 80", "80 ", "1e3", "٣"})
    void portThatIsNoNumberIsRejected(String port) {
        String message = problem(send("--port", port));
        assertTrue(message.startsWith("--port: '") && message.endsWith("' is not a whole number"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "65536", "99999999999999999999", "-99999999999999999999", "2147483648"})
    void portOutOfRangeIsRejected(String port) {
        assertEquals("--port: " + port + " is out of range (1-65535)", problem(send("--port", port)));
    }

    @Test
    void otherNumbersAreCheckedToo() {
        assertEquals("--ibb-block-size: 65536 is out of range (1-65535)", problem(send("--ibb-block-size", "65536")));
        assertEquals("--ibb-block-size: 0 is out of range (1-65535)", problem(send("--ibb-block-size", "0")));
        assertEquals("--timeout: 0 is out of range (1-604800)", problem(send("--timeout", "0")));
        assertEquals("--timeout: 'ten' is not a whole number", problem(send("--timeout", "ten")));
        assertEquals("--count: -3 is out of range (1-100000)", problem(receive("--count", "-3")));
        assertEquals("--count: 100001 is out of range (1-100000)", problem(receive("--count", "100001")));
    }

    @Test
    void leadingZerosAndPlusAreNumbers() throws UsageException {
        SendCommand c = (SendCommand) CommandLine.parse(send("--port", "+05222", "--timeout", "007"));
        assertEquals(5222, c.login().port());
        assertEquals(Duration.ofSeconds(7), c.timeout());
    }

    @Test
    void unknownMethodIsRejected() {
        assertEquals("--method: 'jingle' is not one of any, ibb, socks5", problem(send("--method", "jingle")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "localhost", "alice@", "@localhost", "alice@localhost/res", "a b@localhost", ""})
    void jidMustBeBare(String jid) {
        List<String> args = send();
        args.set(args.indexOf("--jid") + 1, jid);
        assertTrue(problem(args).startsWith("--jid: '"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@localhost", "localhost/res", "bob", "@localhost/x"})
    void recipientMustBeAFullJid(String to) {
        List<String> args = send();
        args.set(args.indexOf("--to") + 1, to);
        assertTrue(problem(args).startsWith("--to: '"));
    }

    @Test
    void controlCharactersNeverReachTheMessageRaw() {
        List<String> args = send();
        args.set(args.indexOf("--to") + 1, "bob@localhost/x\nRESULT status=complete");
        String message = problem(args);
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains("\\u000a"), message);
    }

    @Test
    void emptyPasswordHostAndResourceAreRejected() {
        List<String> args = send();
        args.set(args.indexOf("--password") + 1, "");
        assertEquals("--password: empty", problem(args));
        assertEquals("--host: '' is not a host name or address", problem(send("--host", "")));
        assertEquals("--host: 'a b' is not a host name or address", problem(send("--host", "a b")));
        assertEquals("--resource: ' ' is not a valid resource", problem(send("--resource", " ")));
    }

    @Test
    void fileMustBeReadableAndDirectoryWritable() throws IOException {
        List<String> args = send();
        args.set(args.indexOf("--file") + 1, dir.resolve("missing").toString());
        assertTrue(problem(args).endsWith("' is not a readable file"));
        args.set(args.indexOf("--file") + 1, dir.toString());
        assertTrue(problem(args).endsWith("' is not a readable file"));
        args.set(args.indexOf("--file") + 1, "bad\u0000path");
        assertEquals("--file: 'bad\\u0000path' is not a path", problem(args));

        List<String> into = receive();
        into.set(into.indexOf("--into") + 1, file.toString());
        assertTrue(problem(into).endsWith("' is not a writable directory"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "example.org", "1.2.3", "256.1.1.1", "127.0.0.1:7777", "[::1]", "", "1.2.3.4/8"})
    void streamhostMustBeAnIpLiteral(String address) {
        assertEquals("--streamhost: '" + address + "' is not an IP address", problem(send("--streamhost", address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "224.0.0.1", "ff02::1"})
    void streamhostMustBeConnectable(String address) {
        assertEquals("--streamhost: '" + address + "' is not an address a peer can connect to",
                problem(send("--streamhost", address)));
    }

    @Test
    void streamhostsKeepTheirOrderWithoutRepeats() throws UsageException {
        SendCommand c = (SendCommand) CommandLine.parse(send("--streamhost", "::1", "--streamhost", "127.0.0.1",
                "--streamhost", "::1"));
        assertEquals(List.of("0:0:0:0:0:0:0:1", "127.0.0.1"),
                c.streamhosts().addresses().stream().map(InetAddress::getHostAddress).toList());
    }

    @Test
    void streamhostAndNoLocalStreamhostExcludeEachOther() {
        assertEquals("--streamhost and --no-local-streamhost exclude each other",
                problem(send("--streamhost", "127.0.0.1", "--no-local-streamhost")));
    }

    @Test
    void passwordIsNeverPrinted() throws UsageException {
        SendCommand c = (SendCommand) CommandLine.parse(send());
        assertFalse(c.login().toString().contains("alice-secret"));
    }
}
