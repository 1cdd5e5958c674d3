package io.sift.itests.karaf;

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
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * The stock Karaf every Karaf itest starts from, with the local Prosody running: this build's
 * artifacts first in pax-url's repositories (a setting, not a change to Karaf's framework
 * configuration), and ports of its own for JMX and ssh, so that another Karaf on the machine (a test
 * run next to this one) does not make it fail.
 */
final class SiftKaraf {

    private SiftKaraf() {
    }

    static Option[] configuration() {
        LocalProsody.start();
        String karafRepo = System.getProperty("sift.karaf.repo");
        // -Dsift.itest.keepKaraf=true keeps target/exam/<id> (Karaf's log is in data/log) for a look afterwards
        Option keep = Boolean.getBoolean("sift.itest.keepKaraf") ? keepRuntimeFolder() : null;
        return options(
                keep,
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf").type("tar.gz")
                                .version(System.getProperty("sift.karaf.version")))
                        .unpackDirectory(new File(System.getProperty("sift.exam.dir")))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.defaultRepositories",
                        "file:${karaf.home}/${karaf.default.repository}@id=system.repository@snapshots,"
                                + "file:" + karafRepo + "@id=sift.build@snapshots"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository",
                                System.getProperty("user.home") + "/.m2/repository")),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort()),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", freePort()),
                systemProperty("sift.xmpp.port").value(Integer.toString(LocalProsody.c2sPort())),
                systemProperty("sift.version").value(System.getProperty("sift.version")),
                systemProperty("sift.itest.files").value(System.getProperty("sift.itest.files")));
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    static String freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return Integer.toString(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of one test class (the classes run one after the other in one build, each in a Karaf of its own). */
    static Path files(Class<?> test) throws IOException {
        return Files.createDirectories(Path.of(System.getProperty("sift.itest.files"), test.getSimpleName()));
    }
}
