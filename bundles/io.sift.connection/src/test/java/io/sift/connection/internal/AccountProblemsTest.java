package io.sift.connection.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.sasl.packet.SaslNonza.SASLFailure;
import org.junit.jupiter.api.Test;

import io.sift.api.AccountProblem;
import io.sift.api.AccountProblem.Kind;

class AccountProblemsTest {

    @Test
    void aRefusedLoginNamesTheServersCondition() {
        AccountProblem p = AccountProblems.refused(new SASLErrorException("SCRAM-SHA-1", new SASLFailure("not-authorized")));
        assertEquals(Kind.AUTH_REFUSED, p.kind());
        assertEquals("the server refused the login (not-authorized)", p.message());
    }

    @Test
    void networkFailuresAreUnreachable() {
        assertEquals(Kind.UNREACHABLE, AccountProblems.attemptFailed(new ConnectException("Connection refused"), "h:1").kind());
        assertEquals(Kind.UNREACHABLE, AccountProblems.attemptFailed(new UnknownHostException("nowhere.invalid"), "nowhere.invalid:5222").kind());
        AccountProblem wrapped = AccountProblems.attemptFailed(
                new SmackException.SmackWrappedException(new IOException("Broken pipe")), "example.org:5222");
        assertEquals(Kind.UNREACHABLE, wrapped.kind());
        assertEquals("cannot reach example.org:5222: Broken pipe", wrapped.message());
    }

    @Test
    void tlsFailuresAreSecurity() {
        assertEquals(Kind.SECURITY, AccountProblems.attemptFailed(new SmackException.SecurityRequiredByClientException(), "h:1").kind());
        assertEquals(Kind.SECURITY, AccountProblems.attemptFailed(
                new SmackException.SmackWrappedException(new SSLHandshakeException("PKIX path building failed")), "h:1").kind());
    }

    @Test
    void aConflictIsAConflictWhereverItComesFrom() {
        StreamErrorException conflict = new StreamErrorException(new StreamError(StreamError.Condition.conflict, null, null, null));
        assertEquals(Kind.CONFLICT, AccountProblems.lost(conflict).kind());
        assertEquals(Kind.CONFLICT, AccountProblems.attemptFailed(conflict, "h:1").kind());
        StreamErrorException shutdown = new StreamErrorException(
                new StreamError(StreamError.Condition.system_shutdown, null, java.util.Map.of("", "going down"), null));
        AccountProblem lost = AccountProblems.lost(shutdown);
        assertEquals(Kind.CONNECTION_LOST, lost.kind());
        assertTrue(lost.message().contains("system-shutdown") && lost.message().endsWith(": going down"), lost.message());
    }

    @Test
    void messagesAreOneLine() {
        AccountProblem p = AccountProblems.attemptFailed(new IllegalStateException("first\nsecond\r\nthird"), "h:1");
        assertEquals(Kind.ERROR, p.kind());
        assertEquals("first second third", p.message());
    }
}
