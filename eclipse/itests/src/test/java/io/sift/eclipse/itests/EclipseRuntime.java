package io.sift.eclipse.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.wrappedBundle;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import org.ops4j.pax.exam.Option;

/**
 * An Equinox as an Eclipse installation has it: the Eclipse 4.35 UI bundles (from Maven Central), SCR and
 * EventAdmin, and everything in SIFT's p2 repository, installed from its plugins/ folder. No
 * {@code sun.security.pkcs11} system package: the repository's smack-core must resolve without it.
 */
final class EclipseRuntime {

    /** Jars Eclipse takes from Orbit as bundles; Maven Central has them as plain jars. */
    private static final List<String> ORBIT = List.of("batik-", "xmlgraphics-commons-", "xml-apis-ext-");

    private EclipseRuntime() {
    }

    static Option[] withProsody() {
        startProsody();
        List<Option> all = new ArrayList<>();
        all.add(junitBundles());
        all.add(systemProperty("sift.project.dir").value(projectDir().toString()));
        all.add(frameworkProperty("osgi.instance.area").value(files("instance").toUri().toString()));
        all.add(frameworkProperty("eclipse.consoleLog").value("true"));
        for (File jar : jars(System.getProperty("sift.eclipse.bundles"))) {
            if (ORBIT.stream().noneMatch(jar.getName()::startsWith)) {
                all.add(install(jar));
            }
        }
        all.addAll(orbit());
        for (File jar : jars(System.getProperty("sift.p2.plugins"))) {
            all.add(install(jar));
        }
        return options(all.toArray(new Option[0]));
    }

    /** Installed and started, as an Eclipse installation starts them; fragments are only installed. */
    private static Option install(File jar) {
        try (JarFile file = new JarFile(jar)) {
            boolean fragment = file.getManifest().getMainAttributes().getValue("Fragment-Host") != null;
            return bundle(jar.toURI().toString()).start(!fragment);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + jar + ": " + e.getMessage(), e);
        }
    }

    /** Batik's CSS parser and what it needs, under the names and versions Eclipse's bundles ask for. */
    private static List<Option> orbit() {
        String dir = System.getProperty("sift.eclipse.bundles");
        List<Option> wrapped = new ArrayList<>();
        wrapped.add(wrap(dir, "batik-css-", "org.apache.batik.css"));
        wrapped.add(wrap(dir, "batik-util-", "org.apache.batik.util"));
        wrapped.add(wrap(dir, "batik-i18n-", "org.apache.batik.i18n"));
        wrapped.add(wrap(dir, "batik-constants-", "org.apache.batik.constants"));
        wrapped.add(wrap(dir, "batik-shared-resources-", "org.apache.batik.shared.resources"));
        wrapped.add(wrap(dir, "xmlgraphics-commons-", "org.apache.xmlgraphics"));
        wrapped.add(wrappedBundle(jar(dir, "xml-apis-ext-").toURI().toString())
                .bundleSymbolicName("org.w3c.css.sac").bundleVersion("1.3.0")
                .exports("org.w3c.css.sac.*;version=1.3.0,org.w3c.dom.smil;version=1.0.0,org.w3c.dom.svg;version=1.1.0")
                .imports("*;resolution:=optional"));
        return wrapped;
    }

    private static Option wrap(String dir, String prefix, String symbolicName) {
        File jar = jar(dir, prefix);
        // batik-css-1.17.jar: version 1.17.0
        String version = jar.getName().substring(prefix.length(), jar.getName().length() - 4);
        version = version.chars().filter(c -> c == '.').count() == 1 ? version + ".0" : version;
        return wrappedBundle(jar.toURI().toString()).bundleSymbolicName(symbolicName)
                .bundleVersion(version).exports("*;version=" + version).imports("*;resolution:=optional");
    }

    private static File jar(String dir, String prefix) {
        return Arrays.stream(jars(dir)).filter(j -> j.getName().startsWith(prefix)
                && Character.isDigit(j.getName().charAt(prefix.length()))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + "*.jar in " + dir));
    }

    private static File[] jars(String dir) {
        File[] jars = dir == null ? null : new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No bundles in " + dir + " (run the tests through Maven: mvn verify)");
        }
        Arrays.sort(jars);
        return jars;
    }

    static Path projectDir() {
        return Path.of(System.getProperty("sift.project.dir")).toAbsolutePath().normalize();
    }

    static Path files(String name) {
        Path dir = Path.of(System.getProperty("sift.itest.files", "target/itest-files")).resolve(name);
        try {
            return Files.createDirectories(dir).toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static int c2sPort() {
        return Integer.parseInt(System.getenv().getOrDefault("SIFT_XMPP_PORT", "5222"));
    }

    private static void startProsody() {
        Path script = projectDir().resolve("scripts/prosody");
        try {
            Process process = new ProcessBuilder(script.toString(), "start").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("Cannot start the local Prosody (scripts/prosody start):\n" + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
