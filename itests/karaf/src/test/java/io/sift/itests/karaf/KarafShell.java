package io.sift.itests.karaf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs commands in a session of Karaf's shell as an administrator would, and returns what they printed. */
final class KarafShell {

    /** What a command printed, and the exception it ended with, if any. */
    record Result(String output, Exception failure) {

        Result orFail(String command) {
            if (failure != null) {
                throw new AssertionError("'" + command + "' failed: " + failure + "\n" + output, failure);
            }
            return this;
        }
    }

    private final SessionFactory sessions;

    KarafShell(SessionFactory sessions) {
        this.sessions = sessions;
    }

    Result run(String command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        Subject admin = new Subject();
        admin.getPrincipals().add(new UserPrincipal("karaf"));
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles"}) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        Exception failure = null;
        try {
            Object result = Subject.doAs(admin, (PrivilegedExceptionAction<Object>) () -> session.execute(command));
            if (result != null) {
                out.println(result);
            }
        } catch (java.security.PrivilegedActionException e) {
            failure = e.getException();
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            session.close();
        }
        out.flush();
        return new Result(bytes.toString(StandardCharsets.UTF_8), failure);
    }

    String ok(String command) {
        return run(command).orFail(command).output();
    }

    /**
     * Waits until the shell knows each command, named scope:name. Karaf registers a bundle's commands
     * some time after the shell itself is up, so a command typed the moment the shell appears may be
     * "not found" on a loaded machine.
     */
    KarafShell awaitCommands(Duration timeout, String... scopedNames) throws InterruptedException {
        for (String scopedName : scopedNames) {
            int colon = scopedName.indexOf(':');
            String scope = scopedName.substring(0, colon);
            String name = scopedName.substring(colon + 1);
            Await.until(timeout, "the command " + scopedName,
                    () -> sessions.getRegistry().getCommand(scope, name) != null);
        }
        return this;
    }
}
