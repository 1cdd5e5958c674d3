package io.sift.itests;

import static org.junit.Assert.assertTrue;

import java.time.Duration;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.connection.AccountConnection;

/** The server goes away and comes back: the account's service follows. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReconnectIT {

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Test
    public void serviceDisappearsWhileProsodyIsDownAndReturnsAfterReconnect() throws Exception {
        String alice = Services.jidFilter("alice@localhost");
        try (Accounts accounts = new Accounts(configAdmin)) {
            accounts.createLocal("alice");
            Services.await(context, AccountConnection.class, alice, Duration.ofSeconds(30));
            try {
                LocalProsody.stop();
                Services.awaitAbsent(context, AccountConnection.class, alice, Duration.ofSeconds(30));
            } finally {
                LocalProsody.start();
            }
            AccountConnection back = Services.await(context, AccountConnection.class, alice, Duration.ofSeconds(60));
            assertTrue(back.connection().isAuthenticated());
            System.out.println("[" + SiftRuntime.framework() + "] reconnected as " + back.boundJid());
        }
    }
}
