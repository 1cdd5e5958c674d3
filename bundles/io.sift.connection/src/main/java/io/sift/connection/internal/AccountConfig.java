package io.sift.connection.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration of one XMPP account (factory PID {@code io.sift.connection}). */
@ObjectClassDefinition(
        id = AccountConfig.FACTORY_PID,
        name = "SIFT XMPP account",
        description = "One XMPP account that SIFT logs in with. Create one configuration per account.")
public @interface AccountConfig {

    String FACTORY_PID = "io.sift.connection";

    @AttributeDefinition(name = "JID", description = "The account's bare JID, e.g. alice@example.org.")
    String jid();

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String password();

    @AttributeDefinition(name = "Host",
            description = "Server host name or IP address. Empty: found from the JID's domain (DNS SRV).",
            required = false)
    String host() default "";

    @AttributeDefinition(name = "Port", min = "1", max = "65535")
    int port() default 5222;

    @AttributeDefinition(name = "Security",
            description = "Whether the connection must be encrypted with TLS.",
            options = {
                @Option(value = "REQUIRED", label = "TLS required"),
                @Option(value = "IF_POSSIBLE", label = "TLS if the server offers it"),
                @Option(value = "DISABLED", label = "No TLS (test servers only)") })
    String securityMode() default "REQUIRED";

    @AttributeDefinition(name = "Resource",
            description = "Resource part of the full JID. Empty: the server picks one.",
            required = false)
    String resource() default "";

    @AttributeDefinition(name = "Reconnect",
            description = "Reconnect with increasing delays when the connection is lost or cannot be made.")
    boolean reconnect() default true;

    @AttributeDefinition(name = "Reply timeout (ms)",
            description = "How long to wait for the server's answer to a request.", min = "100")
    long replyTimeoutMillis() default 15000;
}
