package io.sift.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The KAR of the distribution module (distribution/target/sift-VERSION.kar) on a stock Karaf that
 * cannot reach any Maven repository: Karaf's Maven resolver has no remote repository, its local
 * repository is an empty folder of this test (not ~/.m2), and besides Karaf's own system/ folder
 * and the folder Karaf extracts KARs to, it reads only a repository holding Pax Exam's own bundles
 * (the container needs them to run this test) and nothing of SIFT's, Smack's or any other library
 * the features install. {@code kar:install} must then install and start SIFT, put the sample
 * configuration into etc/, and an account configured afterwards must log in to the local Prosody.
 *
 * <p>The steps build on each other, in name order, in one Karaf.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class KarOfflineIT {

    static final Duration READY = Duration.ofSeconds(90);

    /** What the KAR installs and must start: SIFT, the libraries it carries, and Karaf's SCR it carries too. */
    static final List<String> BUNDLES = List.of("io.sift.api", "io.sift.connection", "io.sift.negotiation",
            "io.sift.filetransfer", "io.sift.ibb", "io.sift.socks5", "io.sift.shell", "smack-core",
            "smack-xmlparser-stax", "smack-extensions", "smack-tcp", "jxmpp-jid", "minidns-core",
            "org.apache.aries.spifly.dynamic.bundle", "org.objectweb.asm", "org.apache.felix.scr");

    /** Group ids of what the features install: none of them may be in a repository Karaf reads. */
    static final List<String> INSTALLED_GROUPS = List.of("io/sift", "org/igniterealtime", "org/jxmpp", "org/minidns",
            "org/apache/aries", "org/ow2", "org/apache/felix", "org/osgi", "org/apache/karaf");

    @Inject
    private BundleContext context;

    @Inject
    private SessionFactory sessionFactory;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() throws IOException {
        LocalProsody.start();
        Path dir = Path.of(System.getProperty("sift.kar.itest.dir"));
        Path emptyLocalRepository = Files.createDirectories(dir.resolve("empty-local-repository"));
        // settings of their own: ~/.m2/settings.xml could name repositories or mirrors
        Path settings = Files.writeString(dir.resolve("settings.xml"), "<settings/>\n");
        Path harness = Path.of(System.getProperty("sift.exam.harness.repo"));
        Option keep = Boolean.getBoolean("sift.itest.keepKaraf") ? keepRuntimeFolder() : null;
        String mvnCfg = "etc/org.ops4j.pax.url.mvn.cfg";
        return options(
                keep,
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf").type("tar.gz")
                                .version(System.getProperty("sift.karaf.version")))
                        .unpackDirectory(new File(System.getProperty("sift.exam.dir")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                // ports of its own, as SiftKaraf gives them: another Karaf may be running on this machine
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", SiftKaraf.freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", SiftKaraf.freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", SiftKaraf.freePort()),
                // no remote repository at all, and a local one that is empty
                editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.localRepository", emptyLocalRepository.toString()),
                editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.settings", settings.toString()),
                editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.useFallbackRepositories", "false"),
                // Karaf's own defaults (system/ and the extracted KARs), plus the test harness's bundles
                editConfigurationFilePut(mvnCfg, "org.ops4j.pax.url.mvn.defaultRepositories",
                        "${karaf.home.uri}${karaf.default.repository}@id=system.repository@snapshots,"
                                + "${karaf.data.uri}kar@id=kar.repository@multi@snapshots,"
                                + "${karaf.base.uri}${karaf.default.repository}@id=child.system.repository@snapshots,"
                                + harness.toUri() + "@id=exam.harness@snapshots"),
                systemProperty("sift.kar").value(System.getProperty("sift.kar")),
                systemProperty("sift.kar.itest.dir").value(dir.toString()),
                systemProperty("sift.exam.harness.repo").value(harness.toString()),
                systemProperty("sift.project.dir").value(LocalProsody.projectDir().toString()),
                systemProperty("sift.xmpp.port").value(Integer.toString(LocalProsody.c2sPort())));
    }

    @Test
    public void step1_karInstallsAndStartsSiftWithoutAnyMavenRepository() throws Exception {
        // the harness repository is the only one Karaf reads besides its own: nothing installed may be in it
        Path harness = Path.of(System.getProperty("sift.exam.harness.repo"));
        for (String group : INSTALLED_GROUPS) {
            assertTrue(group + " in " + harness, !Files.exists(harness.resolve(group)));
        }
        assertNull("SIFT before the KAR", bundle("io.sift.api"));

        Path kar = Path.of(System.getProperty("sift.kar"));
        assertTrue(kar + " missing: build the distribution module first", Files.isRegularFile(kar));
        // kar:install reports features it could not install only in the log: the bundles tell
        new KarafShell(sessionFactory).awaitCommands(READY, "kar:install").ok("kar:install " + kar.toUri());

        for (String name : BUNDLES) {
            awaitActive(name);
        }
        await("the StreamInitiator service", () -> service("io.sift.negotiation.StreamInitiator", null));
        // the sample etc/io.sift.filetransfer.cfg says DECLINE; FileInstall applies it to the component
        await("file transfer active with the sample's offerPolicy=DECLINE",
                () -> FileTransferComponent.activeWith(context, "DECLINE"));

        // every SIFT bundle came from the KAR's repository, which Karaf extracted into data/kar
        Path extracted = Path.of(System.getProperty("karaf.data"), "kar", fileName(kar).replaceFirst("\\.kar$", ""));
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith("io.sift.")) {
                assertTrue(b.getLocation(), b.getLocation().startsWith("mvn:io.sift/"));
                String artifact = b.getSymbolicName();
                assertTrue(artifact + " in " + extracted,
                        Files.isDirectory(extracted.resolve("io/sift/" + artifact)));
            }
        }
        // nothing was downloaded or cached: the local repository stayed empty
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("sift.kar.itest.dir"), "empty-local-repository"))) {
            assertEquals("the local repository stays empty", List.of(), files.collect(Collectors.toList()));
        }
    }

    @Test
    public void step2_sampleConfigurationIsInEtc() throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc"));
        Path samples = Path.of(System.getProperty("sift.project.dir"), "features/src/main/etc");
        for (String pid : SampleConfiguration.PIDS) {
            assertWrittenAs(samples.resolve(pid + ".cfg"), etc.resolve(pid + ".cfg"));
            await(pid + " read from etc/", () -> SampleConfiguration.readFromEtc(configAdmin, pid));
        }
        assertWrittenAs(samples.resolve(SampleConfiguration.ACCOUNT_SOURCE), etc.resolve(SampleConfiguration.ACCOUNT_SAMPLE));
        // the account sample is not live: no account is configured
        assertNull(configAdmin.listConfigurations("(service.factoryPid=io.sift.connection)"));
    }

    @Test
    public void step3_anAccountLogsIn() throws Exception {
        org.osgi.service.cm.Configuration account = configAdmin.getFactoryConfiguration("io.sift.connection", "alice", "?");
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jid", "alice@" + LocalProsody.DOMAIN);
        props.put("password", "alice-secret");
        props.put("host", LocalProsody.HOST);
        props.put("port", Integer.getInteger("sift.xmpp.port"));
        props.put("securityMode", "DISABLED");
        props.put("resource", "kar");
        account.update(props);
        await("alice@localhost's XmppAccount", () -> service("io.sift.api.XmppAccount", "(sift.jid=alice@localhost)"));
    }

    private static String fileName(Path path) {
        return path.getFileName().toString();
    }

    private boolean service(String objectClass, String filter) {
        try {
            return context.getServiceReferences(objectClass, filter) != null;
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
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

    /**
     * The file in etc/ ends up as the sample. It may still be being written after the KAR's bundles are
     * active (a read once found it empty), so the comparison waits for the whole file.
     */
    private static void assertWrittenAs(Path sample, Path written) throws IOException, InterruptedException {
        String expected = Files.readString(sample);
        if (!Await.holdsWithin(READY, () -> expected.equals(contentOf(written)))) {
            assertEquals(written.toString(), expected, contentOf(written));
        }
    }

    private static String contentOf(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Await.until(READY, what, condition);
    }
}
