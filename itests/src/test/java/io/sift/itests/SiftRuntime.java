package io.sift.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemPackage;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.ops4j.pax.exam.Option;

/**
 * The framework content of every itest: all bundles the build copied to target/runtime-bundles
 * (SIFT, Smack, SCR, ConfigAdmin, SPI Fly, ...), on Felix or Equinox as the failsafe execution says.
 */
public final class SiftRuntime {

    private SiftRuntime() {
    }

    public static String framework() {
        return System.getProperty("sift.itest.framework", "felix");
    }

    /** Starts the local Prosody (in the test driver, before the framework) and lists the bundles. */
    public static Option[] withProsody(Option... extra) {
        LocalProsody.start();
        List<Option> all = new ArrayList<>();
        // smack-core imports it (PKCS#11 key stores); the JDK has it but frameworks do not export it
        all.add(systemPackage("sun.security.pkcs11"));
        all.add(junitBundles());
        all.add(systemProperty("sift.project.dir").value(LocalProsody.projectDir().toString()));
        for (File jar : runtimeBundles()) {
            all.add(bundle(jar.toURI().toString()));
        }
        all.addAll(Arrays.asList(extra));
        return options(all.toArray(new Option[0]));
    }

    private static List<File> runtimeBundles() {
        String dir = System.getProperty("sift.itest.bundles");
        File[] jars = dir == null ? null : new File(dir).listFiles((d, name) -> name.endsWith(".jar"));
        if (jars == null || jars.length == 0) {
            throw new IllegalStateException("No runtime bundles in " + dir + " (run the itests through Maven: mvn verify)");
        }
        Arrays.sort(jars);
        List<File> result = new ArrayList<>();
        for (File jar : jars) {
            // Equinox has a log service of its own; Felix needs Felix Log
            if (jar.getName().startsWith("org.apache.felix.log-") && !framework().equals("felix")) {
                continue;
            }
            result.add(jar);
        }
        return result;
    }
}
