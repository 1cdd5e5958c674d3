package io.sift.filetransfer.internal;

import java.util.Locale;
import java.util.Objects;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;

import io.sift.api.FailureReason;

/** What the receiver says of a transfer when the sender asks (see {@link FileCheck}). */
sealed interface CheckVerdict {

    /** The longest text of the receiver's that is kept. */
    int MAX_TEXT = 500;

    /** The file is stored and its SHA-256 matched the sender's. */
    record Confirmed() implements CheckVerdict {
    }

    /** The transfer failed at the receiver (or was cancelled there: {@code reason} empty). */
    record Refused(FailureReason reason, String message) implements CheckVerdict {

        boolean cancelled() {
            return reason == null;
        }
    }

    /** No verdict: the receiver did not answer, is gone, or does not know the stream. */
    record Unanswered(String why) implements CheckVerdict {
        public Unanswered {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The answer to a checksum request that carries this verdict. */
    static IQ answer(IQ request, CheckVerdict verdict) {
        if (verdict instanceof Confirmed) {
            return IQ.createResultIQ(request);
        }
        if (verdict instanceof Refused refused) {
            StanzaError.Condition condition = refused.reason() == FailureReason.HASH_MISMATCH
                    || refused.reason() == FailureReason.SIZE_MISMATCH
                    ? StanzaError.Condition.not_acceptable : StanzaError.Condition.undefined_condition;
            // the words go inside <failed/> too: Smack drops the namespace of an error's <text/> when it sends one
            StandardExtensionElement failed = StandardExtensionElement.builder(FileCheck.FAILED, FileCheck.NAMESPACE)
                    .addAttribute("reason", refused.cancelled() ? FileCheck.CANCELLED : refused.reason().name())
                    .setText(refused.message())
                    .build();
            return IQ.createErrorResponse(request, StanzaError.getBuilder(condition).setType(StanzaError.Type.CANCEL)
                    .setDescriptiveEnText(refused.message()).addExtension(failed).build());
        }
        return IQ.createErrorResponse(request, StanzaError.getBuilder(StanzaError.Condition.item_not_found)
                .setType(StanzaError.Type.CANCEL).setDescriptiveEnText(((Unanswered) verdict).why()).build());
    }

    /** Reads the receiver's answer: lenient, as anything but a clear verdict means "no verdict". */
    static CheckVerdict of(IQ answer) {
        if (answer.getType() == IQ.Type.result) {
            return new Confirmed();
        }
        StanzaError error = answer.getError();
        if (answer.getType() != IQ.Type.error || error == null) {
            return new Unanswered("the receiver answered with type " + answer.getType());
        }
        ExtensionElement failed = error.getExtension(FileCheck.FAILED, FileCheck.NAMESPACE);
        StandardExtensionElement element = failed instanceof StandardExtensionElement e ? e : null;
        String reason = element == null ? null : element.getAttributeValue("reason");
        String text = element != null && element.getText() != null && !element.getText().isBlank() ? element.getText()
                : error.getDescriptiveText() != null ? error.getDescriptiveText() : error.getCondition().toString();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "...";
        }
        if (reason == null) {
            return new Unanswered("the receiver answered " + error.getCondition() + ": " + text);
        }
        if (FileCheck.CANCELLED.equals(reason)) {
            return new Refused(null, text);
        }
        try {
            return new Refused(FailureReason.valueOf(reason.strip().toUpperCase(Locale.ROOT)), text);
        } catch (IllegalArgumentException unknown) {
            return new Refused(FailureReason.PROTOCOL_ERROR, text + " (" + reason + ")");
        }
    }
}
