package io.sift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

import io.sift.api.AccountProblem;
import io.sift.api.AccountState;
import io.sift.api.AccountStatus;
import io.sift.api.ConnectionState;

/** Every account configuration has an AccountStatus telling whether it is online, and if not, why. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountStatusIT {

    private static final Duration SOON = Duration.ofSeconds(10);
    private static final Duration LOGIN = Duration.ofSeconds(30);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private Accounts accounts;

    @Configuration
    public Option[] config() {
        return SiftRuntime.withProsody();
    }

    @Before
    public void setUp() {
        accounts = new Accounts(configAdmin);
    }

    @After
    public void tearDown() throws Exception {
        accounts.close();
        Services.awaitAbsent(context, AccountStatus.class, null, LOGIN);
    }

    @Test
    public void aWrongPasswordIsVisibleAtOnceAsARefusedLogin() throws Exception {
        Hashtable<String, Object> props = Accounts.localAccount("carol");
        props.put("password", "wrong");
        long start = System.nanoTime();
        String pid = accounts.create("carol-wrong", props);

        AccountStatus status = Services.await(context, AccountStatus.class,
                "(&(sift.jid=carol@localhost)(sift.state=FAILED)(sift.problem=AUTH_REFUSED))", SOON);
        long millis = (System.nanoTime() - start) / 1_000_000;
        AccountState state = status.current();
        AccountProblem problem = state.problem().orElseThrow();
        System.out.println("[" + SiftRuntime.framework() + "] refused login visible after " + millis + " ms: " + problem);
        assertEquals(pid, status.configurationPid());
        assertEquals("carol@localhost", status.jid());
        assertEquals(ConnectionState.FAILED, state.state());
        assertEquals(AccountProblem.Kind.AUTH_REFUSED, problem.kind());
        assertTrue(problem.message(), problem.message().contains("not-authorized"));
        assertFalse("the password is never shown", problem.message().contains("wrong"));
        assertTrue(state.nextAttempt().isEmpty());
    }

    @Test
    public void twoConfigurationsOfOneJidAreTwoStatuses() throws Exception {
        Hashtable<String, Object> good = Accounts.localAccount("alice");
        good.put("resource", "good");
        Hashtable<String, Object> bad = Accounts.localAccount("alice");
        bad.put("resource", "bad");
        bad.put("password", "not-alices");
        String goodPid = accounts.create("alice-good", good);
        String badPid = accounts.create("alice-bad", bad);

        AccountStatus online = Services.await(context, AccountStatus.class,
                "(&(sift.jid=alice@localhost)(sift.state=ONLINE))", LOGIN);
        AccountStatus refused = Services.await(context, AccountStatus.class,
                "(&(sift.jid=alice@localhost)(sift.state=FAILED))", LOGIN);
        assertEquals(2, Services.count(context, AccountStatus.class, "(sift.jid=alice@localhost)"));
        assertEquals(goodPid, online.configurationPid());
        assertEquals("alice@localhost/good", online.current().boundJid().orElseThrow());
        assertTrue(online.current().problem().isEmpty());
        assertEquals(badPid, refused.configurationPid());
        assertEquals(AccountProblem.Kind.AUTH_REFUSED, refused.current().problem().orElseThrow().kind());
    }

    @Test
    public void changesArriveAsServicePropertyUpdates() throws Exception {
        List<String> states = new CopyOnWriteArrayList<>();
        ServiceListener listener = event -> {
            if (event.getType() == ServiceEvent.REGISTERED || event.getType() == ServiceEvent.MODIFIED) {
                states.add(String.valueOf(event.getServiceReference().getProperty(AccountStatus.STATE)));
            }
        };
        context.addServiceListener(listener, "(&(objectClass=" + AccountStatus.class.getName()
                + ")(sift.jid=bob@localhost))");
        try {
            accounts.createLocal("bob");
            Await.until(LOGIN, "bob ONLINE through a MODIFIED event", () -> states.contains("ONLINE"));
            assertEquals("registered while connecting, then online: " + states, List.of("CONNECTING", "ONLINE"),
                    states);
        } finally {
            context.removeServiceListener(listener);
        }
    }

    @Test
    public void anUnreachableServerIsRetriedAndSaysSo() throws Exception {
        Hashtable<String, Object> props = Accounts.localAccount("alice");
        props.put("port", ClosedPort.find());
        accounts.create("alice-nowhere", props);

        AccountStatus status = Services.await(context, AccountStatus.class,
                "(&(sift.jid=alice@localhost)(sift.problem=UNREACHABLE))", SOON);
        Await.until(SOON, "OFFLINE with the next attempt's time", () -> status.current().state() == ConnectionState.OFFLINE
                && status.current().nextAttempt().isPresent());
        AccountState state = status.current();
        System.out.println("[" + SiftRuntime.framework() + "] unreachable: " + state);
        assertEquals("cannot reach 127.0.0.1:" + props.get("port") + ": Connection refused",
                state.problem().orElseThrow().message());
    }

    @Test
    public void anInvalidConfigurationListsEveryBadField() throws Exception {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("jid", "not a jid");
        props.put("password", "");
        props.put("port", 70000);
        String pid = accounts.create("broken", props);

        AccountStatus status = Services.await(context, AccountStatus.class,
                "(sift.configurationPid=" + pid + ")", SOON);
        AccountProblem problem = status.current().problem().orElseThrow();
        assertEquals(ConnectionState.FAILED, status.current().state());
        assertEquals(AccountProblem.Kind.BAD_CONFIGURATION, problem.kind());
        Set<String> fields = new TreeSet<>();
        problem.details().forEach(d -> fields.add(d.substring(0, d.indexOf(':'))));
        assertEquals(new TreeSet<>(Arrays.asList("jid", "password", "port")), fields);
        assertEquals("not a jid", status.jid());
        List<ServiceReference<AccountStatus>> refs = new ArrayList<>(
                context.getServiceReferences(AccountStatus.class, "(sift.configurationPid=" + pid + ")"));
        assertEquals("BAD_CONFIGURATION", refs.get(0).getProperty(AccountStatus.PROBLEM));
    }
}
