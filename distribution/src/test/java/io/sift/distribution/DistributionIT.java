package io.sift.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the distribution module built, used as people use it: the zip and the tar.gz unpacked, and
 * bin/sift run from them (through symbolic links, with JAVA_HOME and JAVA_OPTS); the repository
 * folder and the KAR checked against the features they carry.
 */
class DistributionIT {

    /** A process of the launcher gets this long; it is a bound for a hung process, not a speed. */
    private static final long PROCESS_SECONDS = 120;
    /** What bin/sift gives the JVM so that C2 leaves the JDK's call-site linking code to C1 (it says why). */
    private static final List<String> COMPILE_COMMANDS = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=MaxNodeLimit,java/lang/invoke/*.*,1",
            "-XX:CompileCommand=MaxNodeLimit,jdk/internal/org/objectweb/asm/*.*,1");
    /** What bin/sift gives the JVM so that fewer compilations compete with a fresh process's transfer. */
    private static final String COMPILE_THRESHOLDS = "-XX:CompileThresholdScaling=3";
    /** What bin/sift gives the JVM so that a fresh process's heap grows into less untouched memory. */
    private static final String YOUNG_GENERATION = "-XX:MaxNewSize=32m";
    /** The garbage collector bin/sift gives the JVM: less CPU beside a transfer than G1 (it says why). */
    private static final String COLLECTOR = "-XX:+UseSerialGC";
    /** The compiler and heap options of every run, in their order, before JAVA_OPTS. */
    private static final List<String> COMPILER_OPTIONS = Stream.concat(COMPILE_COMMANDS.stream(),
            Stream.of(COMPILE_THRESHOLDS, YOUNG_GENERATION, COLLECTOR)).toList();

    private static final Path TARGET = Path.of(System.getProperty("sift.dist.target", "target")).toAbsolutePath();
    private static final String NAME = System.getProperty("sift.dist.name");
    private static final Path WORK = TARGET.resolve("it-distribution");

    private static Path zipHome;
    private static Path tarHome;

    @BeforeAll
    static void unpack() throws Exception {
        deleteTree(WORK);
        zipHome = unzip(TARGET.resolve(NAME + ".zip"), Files.createDirectories(WORK.resolve("zip"))).resolve(NAME);
        Path tarDir = Files.createDirectories(WORK.resolve("tar"));
        Result tar = run(tarDir, Map.of(), List.of("tar", "xzf", TARGET.resolve(NAME + ".tar.gz").toString()));
        assertEquals(0, tar.exit(), "tar xzf: " + tar.err());
        tarHome = tarDir.resolve(NAME);
    }

    @Test
    void zipAndTarGzHoldTheLauncherTheJarAndTheSamples() throws IOException {
        Map<String, String> zip = listing(zipHome);
        assertEquals(zip, listing(tarHome), "the zip and the tar.gz differ");
        for (String file : List.of("bin/sift", "bin/sift.bat", "lib/sift.jar", "README.txt", "NOTICE.txt",
                "etc/io.sift.filetransfer.cfg", "etc/io.sift.negotiation.cfg", "etc/io.sift.ibb.cfg",
                "etc/io.sift.socks5.cfg", "etc/io.sift.shell.cfg", "etc/io.sift.connection-alice.cfg.sample")) {
            assertTrue(zip.containsKey(file), file + " missing; the zip holds " + zip.keySet());
        }
        assertEquals("rwxr-xr-x", zip.get("bin/sift"));
        // an account sample under a .cfg name would log in to its example server
        assertFalse(zip.keySet().stream().anyMatch(f -> f.matches("etc/io\\.sift\\.connection-.*\\.cfg")), zip.keySet().toString());
        Path samples = Path.of(System.getProperty("sift.project.dir"), "features/src/main/etc");
        for (String pid : List.of("io.sift.filetransfer", "io.sift.negotiation", "io.sift.ibb", "io.sift.socks5", "io.sift.shell")) {
            assertEquals(Files.readString(samples.resolve(pid + ".cfg")), Files.readString(zipHome.resolve("etc/" + pid + ".cfg")));
        }
        assertEquals(Files.readString(samples.resolve("io.sift.connection-alice.cfg")),
                Files.readString(zipHome.resolve("etc/io.sift.connection-alice.cfg.sample")));
        String readme = Files.readString(zipHome.resolve("README.txt"));
        assertTrue(readme.contains("SIFT " + System.getProperty("sift.version")), readme);
    }

    @Test
    void helpIsWhatJavaDashJarPrints() throws Exception {
        // the zip's copy: zipAndTarGzHoldTheLauncherTheJarAndTheSamples checks the tar.gz holds the same files
        Path somewhere = Files.createDirectories(WORK.resolve("somewhere"));
        Result launcher = run(somewhere, Map.of(), List.of(zipHome.resolve("bin/sift").toString(), "--help"));
        Result jar = run(somewhere, Map.of(), List.of(java(), "-jar", zipHome.resolve("lib/sift.jar").toString(), "--help"));
        assertEquals(0, jar.exit(), jar.err());
        assertTrue(jar.out().startsWith("usage: "), jar.out());
        assertEquals(jar, launcher);
    }

    @Test
    void launcherHandsEverythingToJavaThroughSymbolicLinks() throws Exception {
        Path calls = WORK.resolve("fake-java-args");
        // PATH/sift -> ../links/sift (relative) -> the real bin/sift (absolute)
        Path links = Files.createDirectories(WORK.resolve("links"));
        Files.createSymbolicLink(links.resolve("sift"), zipHome.resolve("bin/sift"));
        Path path = Files.createDirectories(WORK.resolve("path"));
        Files.createSymbolicLink(path.resolve("sift"), Path.of("../links/sift"));
        // no class-data archive: classDataArchivesAreRecordedOnceAndMappedAfterwards shows those options
        Map<String, String> env = Map.of("JAVA_HOME", fakeJdk().toString(),
                "JAVA_OPTS", "-Xmx64m -Dsift.pattern=*", "FAKE_JAVA_ARGS", calls.toString(), "SIFT_CDS_DIR", "");
        String home = zipHome.toRealPath().toString();
        List<String> args = List.of("send", "bob@example.org", "a file with  spaces.txt", "--desc", "");

        Path noEtc = Files.createDirectories(WORK.resolve("no-etc"));
        List<String> command = new ArrayList<>(List.of(path.resolve("sift").toString()));
        command.addAll(args);
        Result result = run(noEtc, env, command);
        assertEquals(7, result.exit(), "the launcher's exit status is java's: " + result);
        List<String> expected = new ArrayList<>(COMPILER_OPTIONS);
        expected.addAll(List.of("-Xmx64m", "-Dsift.pattern=*", "-jar", home + "/lib/sift.jar", "--etc", home + "/etc"));
        expected.addAll(args);
        assertEquals(expected, Files.readAllLines(calls), "without ./etc nor --etc, the distribution's etc/");

        // an ./etc of the current directory, or an --etc given, is left to the jar as java -jar would
        Path withEtc = Files.createDirectories(WORK.resolve("with-etc"));
        Files.createDirectories(withEtc.resolve("etc"));
        assertEquals(7, run(withEtc, env, command).exit());
        expected = new ArrayList<>(COMPILER_OPTIONS);
        expected.addAll(List.of("-Xmx64m", "-Dsift.pattern=*", "-jar", home + "/lib/sift.jar"));
        expected.addAll(args);
        assertEquals(expected, Files.readAllLines(calls));

        command.add("--etc=/elsewhere");
        assertEquals(7, run(noEtc, env, command).exit());
        expected.add("--etc=/elsewhere");
        assertEquals(expected, Files.readAllLines(calls));

        // compile commands of one's own replace the launcher's: its "quiet" would silence them; a
        // threshold scaling of one's own comes after the launcher's, and the JVM takes the last
        Map<String, String> ownCommands = new HashMap<>(env);
        ownCommands.put("JAVA_OPTS", "-XX:CompileCommand=exclude,java/lang/String.indexOf -XX:CompileThresholdScaling=1");
        assertEquals(7, run(withEtc, ownCommands, command).exit());
        assertEquals(List.of(COMPILE_THRESHOLDS, YOUNG_GENERATION, COLLECTOR,
                "-XX:CompileCommand=exclude,java/lang/String.indexOf", "-XX:CompileThresholdScaling=1", "-jar",
                home + "/lib/sift.jar"), Files.readAllLines(calls).subList(0, 7));

        // so do options that size the young generation: the JVM warns when NewRatio meets MaxNewSize
        for (String own : List.of("-Xmn64m", "-XX:NewRatio=3", "-XX:MaxNewSize=128m", "-XX:NewSize=16m")) {
            Map<String, String> ownYoung = new HashMap<>(env);
            ownYoung.put("JAVA_OPTS", own);
            assertEquals(7, run(withEtc, ownYoung, command).exit());
            expected = new ArrayList<>(COMPILE_COMMANDS);
            expected.addAll(List.of(COMPILE_THRESHOLDS, COLLECTOR, own, "-jar", home + "/lib/sift.jar"));
            expected.addAll(command.subList(1, command.size()));
            assertEquals(expected, Files.readAllLines(calls), own);
        }

        // and a collector of one's own, in any of the variables the JVM reads: it refuses two
        for (String variable : List.of("JAVA_OPTS", "JAVA_TOOL_OPTIONS")) {
            for (String own : List.of("-XX:+UseG1GC", "-XX:+UseParallelGC", "-XX:+UseZGC")) {
                Map<String, String> ownCollector = new HashMap<>(env);
                ownCollector.put("JAVA_OPTS", "");
                ownCollector.put(variable, own);
                assertEquals(7, run(withEtc, ownCollector, command).exit());
                expected = new ArrayList<>(COMPILE_COMMANDS);
                expected.addAll(List.of(COMPILE_THRESHOLDS, YOUNG_GENERATION));
                if (variable.equals("JAVA_OPTS")) {
                    expected.add(own);
                }
                expected.addAll(List.of("-jar", home + "/lib/sift.jar"));
                expected.addAll(command.subList(1, command.size()));
                assertEquals(expected, Files.readAllLines(calls), variable + "=" + own);
            }
        }
    }

    @Test
    void classDataArchivesAreRecordedOnceAndMappedAfterwards() throws Exception {
        Path calls = WORK.resolve("fake-java-cds-args");
        Path archives = WORK.resolve("class-data-fake");
        Path jdk = fakeJdk();
        Map<String, String> env = Map.of("JAVA_HOME", jdk.toString(), "FAKE_JAVA_ARGS", calls.toString(),
                "SIFT_CDS_DIR", archives.toString());
        Path somewhere = Files.createDirectories(WORK.resolve("cds-somewhere"));
        String launcher = zipHome.resolve("bin/sift").toString();

        // nothing recorded yet: help and other commands neither record nor map, a send records
        for (List<String> args : List.of(List.of("--version"), List.of("send", "--help"), List.of("help", "send"))) {
            List<String> command = new ArrayList<>(List.of(launcher));
            command.addAll(args);
            assertEquals(7, run(somewhere, env, command).exit());
            assertEquals("-jar", cdsArgs(calls).get(0), args.toString());
        }
        assertEquals(7, run(somewhere, env, List.of(launcher, "send", "bob@example.org", "f")).exit());
        List<String> sendArgs = cdsArgs(calls);
        Matcher part = Pattern.compile("-XX:ArchiveClassesAtExit=(" + Pattern.quote(archives.toString())
                + "/(sift-\\d+)-send-\\d+-\\d+)\\.part").matcher(sendArgs.get(0));
        assertTrue(part.matches(), sendArgs.toString());
        String recording = part.group(1);
        String key = part.group(2);
        assertEquals(List.of("-Xlog:cds=off,cds+dynamic=off", "-Xlog:cds+dynamic=info:file=" + recording + ".log",
                "-Dsift.classData.done=" + recording + ".done", "-jar"), sendArgs.subList(1, 5),
                "the JVM's words on the archive stay off standard output; its log says when the archive is whole, "
                        + "the runtime when the command succeeded");

        // recordings whose processes have ended: one whole of a command that succeeded, one whole of a
        // command that failed, one cut short; and one still running (this test's own process stands for it)
        String dead = Integer.MAX_VALUE + "-1";
        String written = "[3.1s][info][cds,dynamic] Written dynamic archive 0x800bc7000 - 0x801e802a0 [984 bytes header, 11 bytes total]\n";
        Files.writeString(archives.resolve(key + "-send-" + dead + ".part"), "an archive");
        Files.writeString(archives.resolve(key + "-send-" + dead + ".log"), written);
        Files.writeString(archives.resolve(key + "-send-" + dead + ".done"), "");
        Files.writeString(archives.resolve(key + "-receive-" + dead + ".part"), "an archive of a failed command");
        Files.writeString(archives.resolve(key + "-receive-" + dead + ".log"), written);
        String cut = Integer.MAX_VALUE + "-2";
        Files.writeString(archives.resolve(key + "-receive-" + cut + ".part"), "an archive cut");
        Files.writeString(archives.resolve(key + "-receive-" + cut + ".log"), "[3.1s][info][cds,dynamic] Archiving hidden\n");
        Files.writeString(archives.resolve(key + "-receive-" + cut + ".done"), "");
        String running = ProcessHandle.current().pid() + "-3";
        Files.writeString(archives.resolve(key + "-receive-" + running + ".part"), "half an archive");

        assertEquals(7, run(somewhere, env, List.of(launcher, "send", "bob@example.org", "f")).exit());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archives + "/" + key + "-send.jsa", "-Xlog:cds=off,cds+dynamic=off", "-jar"),
                cdsArgs(calls).subList(0, 3));
        assertEquals("an archive", Files.readString(archives.resolve(key + "-send.jsa")));
        // a command other than send and receive maps the send archive
        assertEquals(7, run(somewhere, env, List.of(launcher, "accounts")).exit());
        assertEquals("-XX:SharedArchiveFile=" + archives + "/" + key + "-send.jsa", cdsArgs(calls).get(0));

        // neither the failed command's archive nor the one cut short is mapped, and both are gone: receive
        // records again; the running one is left alone
        assertEquals(7, run(somewhere, env, List.of(launcher, "receive", "--into", "x")).exit());
        assertTrue(cdsArgs(calls).get(0).startsWith("-XX:ArchiveClassesAtExit=" + archives + "/" + key + "-receive-"),
                cdsArgs(calls).toString());
        assertFalse(Files.exists(archives.resolve(key + "-receive.jsa")));
        for (String gone : List.of(dead + ".part", dead + ".log", cut + ".part", cut + ".log", cut + ".done")) {
            assertFalse(Files.exists(archives.resolve(key + "-receive-" + gone)), gone);
        }
        assertEquals("half an archive", Files.readString(archives.resolve(key + "-receive-" + running + ".part")));
        Files.delete(archives.resolve(key + "-receive-" + running + ".part"));

        // a JVM would refuse to start if asked to record with an agent loaded, or without the JDK's own
        // archive under it: such runs map what exists and record nothing
        Map<String, String> withAgent = new HashMap<>(env);
        withAgent.put("JAVA_OPTS", "-javaagent:/some/agent.jar");
        assertEquals(7, run(somewhere, withAgent, List.of(launcher, "send", "bob@example.org", "f")).exit());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archives + "/" + key + "-send.jsa", "-Xlog:cds=off,cds+dynamic=off",
                "-javaagent:/some/agent.jar", "-jar"), cdsArgs(calls).subList(0, 4));
        assertEquals(7, run(somewhere, withAgent, List.of(launcher, "receive", "--into", "x")).exit());
        assertEquals(List.of("-javaagent:/some/agent.jar", "-jar"), cdsArgs(calls).subList(0, 2));
        Path jdkArchive = jdk.resolve("lib/server/classes.jsa");
        Files.delete(jdkArchive);
        try {
            assertEquals(7, run(somewhere, env, List.of(launcher, "receive", "--into", "x")).exit());
            assertEquals("-jar", cdsArgs(calls).get(0));
        } finally {
            Files.createFile(jdkArchive);
        }
        // options that decide on sharing themselves are left alone
        Map<String, String> sharingOff = new HashMap<>(env);
        sharingOff.put("JAVA_TOOL_OPTIONS", "-Xshare:off");
        assertEquals(7, run(somewhere, sharingOff, List.of(launcher, "send", "bob@example.org", "f")).exit());
        assertEquals("-jar", cdsArgs(calls).get(0));

        // another sift.jar is another key: its archives are not mapped
        Path otherHome = WORK.resolve("cds-other-jar");
        run(WORK, Map.of(), List.of("cp", "-R", zipHome.toString(), otherHome.toString()));
        Files.write(otherHome.resolve("lib/sift.jar"), new byte[] {1}, StandardOpenOption.APPEND);
        assertEquals(7, run(somewhere, env, List.of(otherHome.resolve("bin/sift").toString(), "send", "b@example.org", "f")).exit());
        assertTrue(cdsArgs(calls).get(0).startsWith("-XX:ArchiveClassesAtExit="), cdsArgs(calls).toString());
        assertFalse(cdsArgs(calls).get(0).contains(key + "-"), cdsArgs(calls).toString());
    }

    @Test
    void aRealRunRecordsAnArchiveThatLaterRunsMapOnceItsCommandSucceeded() throws Exception {
        Path home = configuredHome("configured-cds");
        Path archives = WORK.resolve("class-data");
        Map<String, String> env = Map.of("SIFT_CDS_DIR", archives.toString());
        Path somewhere = Files.createDirectories(WORK.resolve("cds-elsewhere"));
        List<String> send = List.of(home.resolve("bin/sift").toString(), "--login-timeout", "1", "send", "bob@localhost",
                home.resolve("README.txt").toString());

        // the account cannot come online: the JVM writes its archive, but the command failed
        Result failed = run(somewhere, env, send);
        assertEquals(3, failed.exit(), failed.toString());
        assertEquals("", failed.out(), "nothing of the archive's writing on standard output");
        Path recorded = only(archives, ".part");
        assertTrue(Files.readString(Path.of(recorded.toString().replace(".part", ".log"))).contains("Written dynamic archive"));
        assertFalse(Files.exists(Path.of(recorded.toString().replace(".part", ".done"))));
        assertEquals(new Result(0, "SIFT " + System.getProperty("sift.version") + "\n", ""),
                run(somewhere, env, List.of(home.resolve("bin/sift").toString(), "--version")));
        try (Stream<Path> files = Files.list(archives)) {
            assertEquals(List.of(), files.toList(), "an archive of a failed command is not kept");
        }

        // the same once its command succeeded (the runtime's mark, made by hand: this account cannot log in)
        assertEquals(3, run(somewhere, env, send).exit());
        recorded = only(archives, ".part");
        Files.createFile(Path.of(recorded.toString().replace(".part", ".done")));
        Path classes = WORK.resolve("classes-loaded.txt");
        Result version = run(somewhere, Map.of("SIFT_CDS_DIR", archives.toString(), "JAVA_OPTS",
                "-Xlog:class+load=info:file=" + classes), List.of(home.resolve("bin/sift").toString(), "--version"));
        assertEquals(new Result(0, "SIFT " + System.getProperty("sift.version") + "\n", ""), version);
        assertTrue(only(archives, ".jsa").getFileName().toString().matches("sift-\\d+-send\\.jsa"));
        // SIFT's own classes came from the archive, not from the jar
        List<String> fromArchive = Files.readAllLines(classes).stream()
                .filter(l -> l.contains("source: shared objects file (top)")).toList();
        assertTrue(fromArchive.stream().anyMatch(l -> l.contains(" io.sift.runtime.")), fromArchive.size() + " classes mapped");
    }

    /** The arguments the fake java was given, less the compiler options every run gets. */
    private static List<String> cdsArgs(Path calls) throws IOException {
        List<String> args = new ArrayList<>(Files.readAllLines(calls));
        assertTrue(args.containsAll(COMPILER_OPTIONS), args.toString());
        args.removeAll(COMPILER_OPTIONS);
        return args;
    }

    /** The one file of the folder whose name ends so; there must be exactly one. */
    private static Path only(Path dir, String ending) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(ending)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    /**
     * A copy of the distribution whose etc/ has the account sample filled in, pointing at a closed
     * port of this machine: the account is configured but cannot come online.
     */
    private static Path configuredHome(String name) throws Exception {
        Path home = WORK.resolve(name);
        run(WORK, Map.of(), List.of("cp", "-R", tarHome.toString(), home.toString()));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String account = Files.readString(home.resolve("etc/io.sift.connection-alice.cfg.sample"))
                .replaceAll("(?m)^jid = .*$", "jid = alice@localhost")
                .replaceAll("(?m)^host =.*$", "host = 127.0.0.1")
                .replaceAll("(?m)^port = .*$", "port = " + closedPort)
                .replaceAll("(?m)^securityMode = .*$", "securityMode = DISABLED");
        Files.writeString(home.resolve("etc/io.sift.connection-alice.cfg"), account);
        return home;
    }

    /**
     * A stand-in for the JDK (its home) whose java writes down how it was called and exits with a
     * status of its own (7); it has an archive of the JDK's classes where a JDK keeps it.
     */
    private static Path fakeJdk() throws IOException {
        Path fakeJdk = WORK.resolve("fake-jdk");
        Path fakeJava = fakeJdk.resolve("bin/java");
        if (!Files.exists(fakeJava)) {
            Files.createDirectories(fakeJava.getParent());
            Files.writeString(fakeJava,
                    "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$FAKE_JAVA_ARGS\"\nexit 7\n");
            Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectories(fakeJdk.resolve("lib/server"));
            Files.createFile(fakeJdk.resolve("lib/server/classes.jsa"));
        }
        return fakeJdk;
    }

    @Test
    void theAccountSampleConfiguresAnAccountOfTheDistributionsEtc() throws Exception {
        Path home = configuredHome("configured");
        Path somewhere = Files.createDirectories(WORK.resolve("elsewhere"));
        Result result = run(somewhere, Map.of(), List.of(home.resolve("bin/sift").toString(), "--login-timeout", "1",
                "send", "bob@localhost", home.resolve("README.txt").toString()));
        assertEquals(3, result.exit(), result.toString());
        assertTrue(result.err().contains("alice@localhost is not online"), result.err());
        assertFalse(result.err().contains("skipped"), "every file of etc/ is read: " + result.err());
    }

    @Test
    void repositoryAndKarHoldEveryArtifactTheFeaturesName() throws IOException {
        Path repository = TARGET.resolve("repository");
        String version = System.getProperty("sift.version");
        Path features = repository.resolve("io/sift/sift-features/" + version + "/sift-features-" + version + "-features.xml");
        assertTrue(Files.isRegularFile(features), features + " missing");
        Set<String> named = new TreeSet<>();
        Matcher m = Pattern.compile("mvn:([^<$\\s]+)").matcher(Files.readString(features));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertTrue(named.size() > 20, "bundles and configuration files named: " + named);
        for (String coordinates : named) {
            Path file = repository.resolve(path(coordinates));
            assertTrue(Files.isRegularFile(file), "mvn:" + coordinates + " is not in " + repository);
        }
        // the KAR carries the same repository (target/repository is unpacked from it)
        Set<String> inRepository;
        try (Stream<Path> files = Files.walk(repository)) {
            inRepository = files.filter(Files::isRegularFile).map(f -> "repository/" + repository.relativize(f))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> inKar = new TreeSet<>();
        try (ZipFile kar = new ZipFile(TARGET.resolve(NAME + ".kar").toFile())) {
            kar.stream().filter(e -> !e.isDirectory() && e.getName().startsWith("repository/"))
                    .map(ZipEntry::getName).forEach(inKar::add);
        }
        assertEquals(inRepository, inKar);
        // SCR, which Karaf's distribution does not carry, for an offline Karaf's "scr" feature
        assertTrue(inKar.stream().anyMatch(e -> e.startsWith("repository/org/apache/felix/org.apache.felix.scr/")), inKar.toString());
    }

    /** The repository path of Maven coordinates {@code group/artifact/version[/type[/classifier]]}. */
    private static String path(String coordinates) {
        String[] p = coordinates.split("/");
        String type = p.length > 3 && !p[3].isEmpty() ? p[3] : "jar";
        String classifier = p.length > 4 ? "-" + p[4] : "";
        return p[0].replace('.', '/') + "/" + p[1] + "/" + p[2] + "/" + p[1] + "-" + p[2] + classifier + "." + type;
    }

    /** Relative path of every file under {@code home}, with its permissions. */
    private static Map<String, String> listing(Path home) throws IOException {
        try (Stream<Path> files = Files.walk(home)) {
            Map<String, String> result = new TreeMap<>();
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                result.put(home.relativize(f).toString(), PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
            return result;
        }
    }

    /** Unpacks with the permissions the zip stores (as unzip does), read through the JDK's zip file system. */
    private static Path unzip(Path zip, Path into) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                Map.of("enablePosixFileAttributes", "true"))) {
            Path root = fs.getPath("/");
            try (Stream<Path> entries = Files.walk(root)) {
                for (Path entry : (Iterable<Path>) entries::iterator) {
                    Path target = into.resolve(root.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(entry, target);
                        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry);
                        Files.setPosixFilePermissions(target, permissions);
                    }
                }
            }
        }
        return into;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    record Result(int exit, String out, String err) {
    }

    private static Result run(Path dir, Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        // the launcher's choice of Java must not depend on the environment the build runs in
        builder.environment().remove("JAVA_HOME");
        builder.environment().remove("JAVA_OPTS");
        // nor may its class-data archives go to the cache folder of whoever builds
        builder.environment().remove("SIFT_CDS_DIR");
        builder.environment().put("XDG_CACHE_HOME", WORK.resolve("cache").toString());
        builder.environment().put("PATH", Path.of(java()).getParent() + ":" + System.getenv("PATH"));
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " still running after " + PROCESS_SECONDS + " s");
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
