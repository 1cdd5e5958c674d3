package io.sift.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.bundle;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.inject.Inject;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * The sift: commands where Karaf's shell core runs outside Karaf (as the runnable jar may embed it):
 * Felix or Equinox with SIFT, Karaf's shell core and what it needs (JLine, Karaf's JAAS principals,
 * SLF4J), and no Gogo shell. The shell bundle's actions are registered by the shell core's extender,
 * its Gogo functions stay off, and a file sent from the shell arrives.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarafShellCoreIT {

    private static final Duration READY = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private SessionFactory sessions;

    @Configuration
    public Option[] config() {
        List<Option> shell = new ArrayList<>();
        File[] jars = new File(System.getProperty("sift.itest.shell.bundles")).listFiles((d, n) -> n.endsWith(".jar"));
        Arrays.sort(jars);
        for (File jar : jars) {
            shell.add(bundle(jar.toURI().toString()));
        }
        return SiftRuntime.withProsody(shell.toArray(new Option[0]));
    }

    @Test
    public void theActionsRunInKarafsShellCoreAndSendAFile() throws Exception {
        Await.until(READY, "the sift: actions registered", () -> run("sift:accounts").failure() == null);
        assertEquals("the Gogo functions stay off where Karaf's shell runs", 0,
                Services.count(context, Object.class, "(osgi.command.scope=sift)"));
        String help = run("sift:send --help").orFail();
        assertTrue(help, help.contains("sift:send [options] jid file") && help.contains("-m, --method"));

        Path dir = Files.createTempDirectory("sift-shell-core");
        TransferSetup.configureFileTransfer(context, configAdmin, scr, TransferSetup.acceptInto(dir.resolve("in")));
        TransferSetup.aliceAndBob(context, configAdmin);
        // An account's status turns online after its connection's services are registered, and so after
        // the file transfer service built on them: wait for the line rather than read it once.
        Await.until(READY, "sift:accounts lists alice online",
                () -> run("sift:accounts --no-format").orFail().contains("alice@localhost\tonline\t"));

        byte[] data = new byte[512 * 1024 + 7];
        new Random(11).nextBytes(data);
        Path file = Files.write(dir.resolve("core.bin"), data);
        String sent = run("sift:send --account alice@localhost bob@localhost " + file).orFail();
        System.out.println("[" + SiftRuntime.framework() + "] sift:send in Karaf's shell core:\n" + sent);
        assertTrue(sent, sent.contains("Completed: core.bin") && sent.contains("SHA-256: "));
        assertFalse("no terminal, no progress bar: " + sent, sent.contains("%"));
        Path received = dir.resolve("in").resolve("core.bin");
        Await.until(READY, received + " stored", () -> Files.isRegularFile(received));
        assertArrayEquals(data, Files.readAllBytes(received));
        assertNull(run("sift:accounts").failure());
    }

    /** What a command printed, and the exception it ended with, if any. */
    private record Result(String output, Exception failure) {
        String orFail() {
            if (failure != null) {
                throw new AssertionError(failure + "\n" + output, failure);
            }
            return output;
        }
    }

    /** Runs a command in a headless session, as an administrator (the shell core checks commands' roles). */
    private Result run(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        admin.getPrincipals().add(new RolePrincipal("admin"));
        Exception failure = null;
        try {
            Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
        } catch (PrivilegedActionException e) {
            failure = e.getException();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            session.close();
        }
        return new Result(bytes.toString(StandardCharsets.UTF_8), failure);
    }
}
