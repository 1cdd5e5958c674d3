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
import java.util.Collections;
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
        for (String file : List.of("bin/sift", "bin/sift.bat", "lib/sift.jar", "lib/compiler-directives.json", "README.txt", "NOTICE.txt",
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
        Path fakeJdk = fakeJdk();
        Path calls = WORK.resolve("fake-java-args");
        // PATH/sift -> ../links/sift (relative) -> the real bin/sift (absolute)
        Path links = Files.createDirectories(WORK.resolve("links"));
        Files.createSymbolicLink(links.resolve("sift"), zipHome.resolve("bin/sift"));
        Path path = Files.createDirectories(WORK.resolve("path"));
        Files.createSymbolicLink(path.resolve("sift"), Path.of("../links/sift"));
        // no class-data archive: classDataArchivesAreRecordedOnceAndMappedAfterwards shows those options
        Map<String, String> env = Map.of("JAVA_HOME", fakeJdk.getParent().toString(),
                "JAVA_OPTS", "-Xmx64m -Dsift.pattern=*", "FAKE_JAVA_ARGS", calls.toString(), "SIFT_CDS_DIR", "");
        String home = zipHome.toRealPath().toString();
        List<String> args = List.of("send", "bob@example.org", "a file with  spaces.txt", "--desc", "");

        Path noEtc = Files.createDirectories(WORK.resolve("no-etc"));
        List<String> command = new ArrayList<>(List.of(path.resolve("sift").toString()));
        command.addAll(args);
        Result result = run(noEtc, env, command);
        assertEquals(7, result.exit(), "the launcher's exit status is java's: " + result);
        List<String> expected = new ArrayList<>(List.of("-Xmx64m", "-Dsift.pattern=*", "-jar", home + "/lib/sift.jar",
                "--etc", home + "/etc"));
        expected.addAll(args);
        assertEquals(expected, javaArgs(calls, zipHome), "without ./etc nor --etc, the distribution's etc/");

        // an ./etc of the current directory, or an --etc given, is left to the jar as java -jar would
        Path withEtc = Files.createDirectories(WORK.resolve("with-etc"));
        Files.createDirectories(withEtc.resolve("etc"));
        assertEquals(7, run(withEtc, env, command).exit());
        expected = new ArrayList<>(List.of("-Xmx64m", "-Dsift.pattern=*", "-jar", home + "/lib/sift.jar"));
        expected.addAll(args);
        assertEquals(expected, javaArgs(calls, zipHome));

        command.add("--etc=/elsewhere");
        assertEquals(7, run(noEtc, env, command).exit());
        expected.add("--etc=/elsewhere");
        assertEquals(expected, javaArgs(calls, zipHome));
    }

    @Test
    void classDataArchivesAreRecordedOnceAndMappedAfterwards() throws Exception {
        Path calls = WORK.resolve("fake-java-cds-args");
        Path archives = WORK.resolve("class-data-fake");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJdk().getParent().toString(), "FAKE_JAVA_ARGS",
                calls.toString(), "SIFT_CDS_DIR", archives.toString());
        Path somewhere = Files.createDirectories(WORK.resolve("cds-somewhere"));
        String launcher = zipHome.resolve("bin/sift").toString();

        // nothing recorded yet: a send records, any other command neither records nor maps
        assertEquals(7, run(somewhere, env, List.of(launcher, "--version")).exit());
        assertEquals(List.of("-jar"), javaArgs(calls, zipHome).subList(0, 1));
        assertEquals(7, run(somewhere, env, List.of(launcher, "send", "bob@example.org", "f")).exit());
        List<String> sendArgs = javaArgs(calls, zipHome);
        String record = sendArgs.get(0);
        Matcher part = Pattern.compile("-XX:ArchiveClassesAtExit=" + Pattern.quote(archives.toString())
                + "/(sift-\\d+)-send-(\\d+)\\.part").matcher(record);
        assertTrue(part.matches(), sendArgs.toString());
        String key = part.group(1);
        assertEquals(List.of("-Xlog:cds=off,cds+dynamic=off",
                "-Xlog:cds+dynamic=info:file=" + archives + "/" + key + "-send-" + part.group(2) + ".log", "-jar"),
                sendArgs.subList(1, 4), "the JVM's words on the archive stay off standard output; its log says when it is whole");

        // the recording processes have ended: one wrote its archive whole, one was cut short
        String dead = Long.toString(Integer.MAX_VALUE);
        Files.writeString(archives.resolve(key + "-send-" + dead + ".part"), "an archive");
        Files.writeString(archives.resolve(key + "-send-" + dead + ".log"),
                "[3.1s][info][cds,dynamic] Written dynamic archive 0x800bc7000 - 0x801e802a0 [984 bytes header, 11 bytes total]\n");
        Files.writeString(archives.resolve(key + "-receive-" + dead + ".part"), "an archive cut");
        Files.writeString(archives.resolve(key + "-receive-" + dead + ".log"), "[3.1s][info][cds,dynamic] Archiving hidden\n");
        // and one is still running (this test's own process stands for it)
        String running = Long.toString(ProcessHandle.current().pid());
        Files.writeString(archives.resolve(key + "-receive-" + running + ".part"), "half an archive");

        assertEquals(7, run(somewhere, env, List.of(launcher, "send", "bob@example.org", "f")).exit());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archives + "/" + key + "-send.jsa", "-Xlog:cds=off,cds+dynamic=off", "-jar"),
                javaArgs(calls, zipHome).subList(0, 3));
        assertEquals("an archive", Files.readString(archives.resolve(key + "-send.jsa")));
        // a command other than send and receive maps the send archive
        assertEquals(7, run(somewhere, env, List.of(launcher, "accounts")).exit());
        assertEquals("-XX:SharedArchiveFile=" + archives + "/" + key + "-send.jsa", javaArgs(calls, zipHome).get(0));

        // the archive cut short is gone, never mapped: receive records again; the running one is left alone
        assertEquals(7, run(somewhere, env, List.of(launcher, "receive", "--into", "x")).exit());
        assertTrue(javaArgs(calls, zipHome).get(0).startsWith("-XX:ArchiveClassesAtExit=" + archives + "/" + key + "-receive-"),
                javaArgs(calls, zipHome).toString());
        assertFalse(Files.exists(archives.resolve(key + "-receive.jsa")));
        assertFalse(Files.exists(archives.resolve(key + "-receive-" + dead + ".part")));
        assertFalse(Files.exists(archives.resolve(key + "-receive-" + dead + ".log")));
        assertEquals("half an archive", Files.readString(archives.resolve(key + "-receive-" + running + ".part")));

        // with an agent the JVM would refuse to start if asked to record: it maps what exists, records nothing
        Map<String, String> withAgent = new HashMap<>(env);
        withAgent.put("JAVA_OPTS", "-javaagent:/some/agent.jar");
        Files.delete(archives.resolve(key + "-receive-" + running + ".part"));
        assertEquals(7, run(somewhere, withAgent, List.of(launcher, "send", "bob@example.org", "f")).exit());
        assertEquals(List.of("-XX:SharedArchiveFile=" + archives + "/" + key + "-send.jsa", "-Xlog:cds=off,cds+dynamic=off",
                "-javaagent:/some/agent.jar", "-jar"), javaArgs(calls, zipHome).subList(0, 4));
        assertEquals(7, run(somewhere, withAgent, List.of(launcher, "receive", "--into", "x")).exit());
        assertEquals(List.of("-javaagent:/some/agent.jar", "-jar"), javaArgs(calls, zipHome).subList(0, 2));
        // options that decide on sharing themselves are left alone
        Map<String, String> sharingOff = new HashMap<>(env);
        sharingOff.put("JAVA_TOOL_OPTIONS", "-Xshare:off");
        assertEquals(7, run(somewhere, sharingOff, List.of(launcher, "send", "bob@example.org", "f")).exit());
        assertEquals(List.of("-jar"), javaArgs(calls, zipHome).subList(0, 1));

        // another sift.jar is another key: its archives are not mapped
        Path otherHome = WORK.resolve("cds-other-jar");
        run(WORK, Map.of(), List.of("cp", "-R", zipHome.toString(), otherHome.toString()));
        Files.write(otherHome.resolve("lib/sift.jar"), new byte[] {1}, StandardOpenOption.APPEND);
        assertEquals(7, run(somewhere, env, List.of(otherHome.resolve("bin/sift").toString(), "send", "b@example.org", "f")).exit());
        assertTrue(javaArgs(calls, otherHome).get(0).startsWith("-XX:ArchiveClassesAtExit="), javaArgs(calls, otherHome).toString());
        assertFalse(javaArgs(calls, otherHome).get(0).contains(key + "-"), javaArgs(calls, otherHome).toString());
    }

    @Test
    void aRealSendRecordsAnArchiveThatTheNextRunMaps() throws Exception {
        Path home = configuredHome("configured-cds");
        Path archives = WORK.resolve("class-data");
        Map<String, String> env = Map.of("SIFT_CDS_DIR", archives.toString());
        Path somewhere = Files.createDirectories(WORK.resolve("cds-elsewhere"));
        Result send = run(somewhere, env, List.of(home.resolve("bin/sift").toString(), "--login-timeout", "1",
                "send", "bob@localhost", home.resolve("README.txt").toString()));
        assertEquals(3, send.exit(), send.toString());
        assertEquals("", send.out(), "nothing of the archive's writing on standard output");

        Path classes = WORK.resolve("classes-loaded.txt");
        Result version = run(somewhere, Map.of("SIFT_CDS_DIR", archives.toString(), "JAVA_OPTS",
                "-Xlog:class+load=info:file=" + classes), List.of(home.resolve("bin/sift").toString(), "--version"));
        assertEquals(new Result(0, "SIFT " + System.getProperty("sift.version") + "\n", ""), version);
        try (Stream<Path> files = Files.list(archives)) {
            List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
            assertEquals(1, names.size(), names.toString());
            assertTrue(names.get(0).matches("sift-\\d+-send\\.jsa"), names.toString());
        }
        // SIFT's own classes came from the archive, not from the jar
        List<String> fromArchive = Files.readAllLines(classes).stream()
                .filter(l -> l.contains("source: shared objects file (top)")).toList();
        assertTrue(fromArchive.stream().anyMatch(l -> l.contains(" io.sift.runtime.")), fromArchive.size() + " classes mapped");
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
     * What bin/sift of a distribution gave java, less the compiler options it gives every run, which
     * must be there and name the distribution's own directives.
     */
    private static List<String> javaArgs(Path calls, Path home) throws IOException {
        List<String> args = new ArrayList<>(Files.readAllLines(calls));
        List<String> compiler = List.of("-XX:+UnlockDiagnosticVMOptions",
                "-XX:CompilerDirectivesFile=" + home.toRealPath() + "/lib/compiler-directives.json", "-XX:-DisplayVMOutput");
        int at = Collections.indexOfSubList(args, compiler);
        assertTrue(at >= 0, "no " + compiler + " in " + args);
        args.subList(at, at + compiler.size()).clear();
        return args;
    }

    /** A stand-in for the JDK that writes down how it was called and exits with a status of its own (7). */
    private static Path fakeJdk() throws IOException {
        Path fakeJdk = Files.createDirectories(WORK.resolve("fake-jdk/bin"));
        Path fakeJava = fakeJdk.resolve("java");
        if (!Files.exists(fakeJava)) {
            Files.writeString(fakeJava,
                    "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$FAKE_JAVA_ARGS\"\nexit 7\n");
            Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
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
