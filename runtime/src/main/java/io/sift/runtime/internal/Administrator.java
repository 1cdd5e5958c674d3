package io.sift.runtime.internal;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * Who runs the commands: the user of this process, with the roles Karaf gives its local console
 * (Karaf's shell checks them before running a command).
 */
final class Administrator {

    static final String[] ROLES = {"admin", "manager", "viewer", "systembundles"};

    private Administrator() {
    }

    static Subject subject() {
        Subject subject = new Subject();
        subject.getPrincipals().add(new UserPrincipal(System.getProperty("user.name", "sift")));
        for (String role : ROLES) {
            subject.getPrincipals().add(new RolePrincipal(role));
        }
        return subject;
    }
}
