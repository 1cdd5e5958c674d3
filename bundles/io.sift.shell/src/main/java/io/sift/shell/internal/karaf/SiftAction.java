package io.sift.shell.internal.karaf;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;

import io.sift.shell.internal.Console;
import io.sift.shell.internal.Sift;

/**
 * What every {@code sift:} action gets from Karaf's shell: SIFT's services (its commands are
 * registered while they are there) and the session it runs in. Karaf creates an action per use.
 */
abstract class SiftAction implements Action {

    @Reference
    Sift sift;

    @Reference
    Session session;

    Console console() {
        return new KarafConsole(session);
    }
}
