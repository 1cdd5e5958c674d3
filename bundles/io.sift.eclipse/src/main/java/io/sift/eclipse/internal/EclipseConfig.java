package io.sift.eclipse.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.sift.eclipse}: how incoming offers are put to the person. */
@ObjectClassDefinition(name = "SIFT for Eclipse",
        description = "How SIFT asks about incoming files inside Eclipse")
public @interface EclipseConfig {

    String PID = "io.sift.eclipse";

    @AttributeDefinition(description = "Ask before receiving a file (a prompt with Accept and Decline); "
            + "false: the file transfer policy (io.sift.filetransfer offerPolicy) decides alone")
    boolean askOffers() default true;

    @AttributeDefinition(description = "How long a prompt waits for an answer before it declines; senders "
            + "wait 120 s by default, so the answer should come before that")
    int askTimeoutSeconds() default 110;
}
