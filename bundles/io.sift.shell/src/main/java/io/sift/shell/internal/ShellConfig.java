package io.sift.shell.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of the shell (PID {@code io.sift.shell}). */
@ObjectClassDefinition(
        id = ShellConfig.PID,
        name = "SIFT shell",
        description = "Whether incoming offers wait for an administrator to type sift:accept or sift:decline.")
public @interface ShellConfig {

    String PID = "io.sift.shell";

    @AttributeDefinition(name = "Ask about offers",
            description = "Hold every incoming offer until sift:accept or sift:decline answers it (or the "
                    + "timeout passes). Off: offers are decided by other handlers and the file transfer policy.")
    boolean askOffers() default false;

    @AttributeDefinition(name = "Answer timeout (s)",
            description = "How long an offer waits for an answer. Keep it below the senders' own timeout "
                    + "(2 minutes by default in SIFT).", min = "1")
    int askTimeoutSeconds() default 110;

    @AttributeDefinition(name = "Without an answer",
            description = "What happens to an offer nobody answered in time.",
            options = {
                @Option(value = "DECLINE", label = "Decline it"),
                @Option(value = "PASS", label = "Let the file transfer policy decide") })
    String askTimeoutAction() default "DECLINE";
}
