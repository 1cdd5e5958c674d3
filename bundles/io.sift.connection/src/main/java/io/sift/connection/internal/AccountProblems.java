package io.sift.connection.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.ssl.SSLException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException.StreamErrorException;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.sasl.packet.SaslNonza.SASLFailure;

import io.sift.api.AccountProblem;
import io.sift.api.AccountProblem.Kind;
import io.sift.common.Printable;

/** What Smack's exceptions mean for an account, in the API's terms. */
final class AccountProblems {

    private AccountProblems() {
    }

    static AccountProblem badConfiguration(List<String> problems) {
        return new AccountProblem(Kind.BAD_CONFIGURATION, "invalid configuration: " + String.join("; ", problems),
                problems);
    }

    /** The server's SASL condition ({@code not-authorized}), and its text when it gave one. */
    static AccountProblem refused(SASLErrorException e) {
        SASLFailure failure = e.getSASLFailure();
        String condition = failure == null ? "not-authorized" : failure.getSASLErrorString();
        String text = failure == null ? null : failure.getDescriptiveText();
        return new AccountProblem(Kind.AUTH_REFUSED, "the server refused the login (" + condition + ")"
                + (text == null || text.isBlank() ? "" : ": " + Printable.of(text.strip())));
    }

    static AccountProblem conflict() {
        return new AccountProblem(Kind.CONFLICT,
                "another client logged in with the same resource and the server closed this session");
    }

    /** A connection that was up broke; a stream error names the server's reason. */
    static AccountProblem lost(Exception e) {
        if (e instanceof StreamErrorException streamError && streamError.getStreamError() != null) {
            StreamError error = streamError.getStreamError();
            if (error.getCondition() == StreamError.Condition.conflict) {
                return conflict();
            }
            return new AccountProblem(Kind.CONNECTION_LOST, "the server closed the stream (" + error.getCondition()
                    + ")" + text(error.getDescriptiveText()));
        }
        return new AccountProblem(Kind.CONNECTION_LOST, "the connection broke: " + describe(e));
    }

    /**
     * An attempt to connect and log in failed with something else than a refused login.
     *
     * @param server where the attempt went, as people configured it ({@code host:port})
     */
    static AccountProblem attemptFailed(Exception e, String server) {
        if (e instanceof StreamErrorException) {
            AccountProblem lost = lost(e);
            return lost.kind() == Kind.CONFLICT ? lost : new AccountProblem(Kind.ERROR, lost.message());
        }
        if (e instanceof SmackException.NoResponseException) {
            return new AccountProblem(Kind.ERROR, "the server did not answer in time: " + describe(e));
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isSecurity(t)) {
                return new AccountProblem(Kind.SECURITY, "cannot secure the connection: " + describe(t));
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isUnreachable(t)) {
                // the innermost cause says it best ("Connection refused"); Smack's own message lists endpoints
                return new AccountProblem(Kind.UNREACHABLE, "cannot reach " + server + ": " + describe(innermost(t)));
            }
        }
        return new AccountProblem(Kind.ERROR, describe(e));
    }

    private static Throwable innermost(Throwable t) {
        Throwable inner = t;
        while (inner.getCause() != null && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        // Smack's endpoint failure keeps its causes in a list of its own, not as the cause
        if (inner instanceof SmackException.EndpointConnectionException endpoints) {
            Exception first = !endpoints.getConnectionExceptions().isEmpty()
                    ? endpoints.getConnectionExceptions().get(0).getException()
                    : !endpoints.getLookupFailures().isEmpty() ? endpoints.getLookupFailures().get(0).getException()
                    : null;
            if (first != null) {
                return innermost(first);
            }
        }
        return inner;
    }

    private static boolean isSecurity(Throwable t) {
        return t instanceof SmackException.SecurityRequiredException
                || t instanceof SmackException.SecurityNotPossibleException
                || t instanceof SmackException.SmackCertificateException
                || t instanceof SSLException;
    }

    private static boolean isUnreachable(Throwable t) {
        return t instanceof SmackException.EndpointConnectionException
                || t instanceof SmackException.ConnectionException
                || t instanceof SmackException.NoEndpointsDiscoveredException
                || t instanceof UnknownHostException
                || t instanceof ConnectException
                || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException
                || (t instanceof IOException && !(t instanceof SSLException));
    }

    private static String text(String descriptive) {
        return descriptive == null || descriptive.isBlank() ? "" : ": " + Printable.of(descriptive.strip());
    }

    /** One line: the exception's message, or its type when it has none. */
    static String describe(Throwable e) {
        String message = e.getMessage();
        String line = message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip();
        return Printable.of(line.replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }
}
