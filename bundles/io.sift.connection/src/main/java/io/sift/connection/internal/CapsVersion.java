package io.sift.connection.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;

/**
 * The XEP-0115 verification string of a disco#info answer (section 5.1), hashed with SHA-1: the
 * {@code ver} a presence carries so that peers may cache the answer under it.
 */
final class CapsVersion {

    /** The hash named in the {@code hash} attribute, as XEP-0115 spells it. */
    static final String HASH = "sha-1";

    private static final Comparator<DiscoverInfo.Identity> IDENTITY_ORDER = Comparator
            .comparing(DiscoverInfo.Identity::getCategory)
            .thenComparing(DiscoverInfo.Identity::getType)
            .thenComparing(identity -> Objects.toString(identity.getLanguage(), ""))
            .thenComparing(identity -> Objects.toString(identity.getName(), ""));

    private CapsVersion() {
    }

    static String of(Collection<DiscoverInfo.Identity> identities, Collection<String> features,
            Collection<DataForm> forms) {
        StringBuilder s = new StringBuilder();
        identities.stream().sorted(IDENTITY_ORDER).forEach(identity -> s.append(identity.getCategory()).append('/')
                .append(identity.getType()).append('/')
                .append(Objects.toString(identity.getLanguage(), "")).append('/')
                .append(Objects.toString(identity.getName(), "")).append('<'));
        features.stream().distinct().sorted().forEach(feature -> s.append(feature).append('<'));
        forms.stream().filter(form -> form.getFormType() != null).sorted(Comparator.comparing(DataForm::getFormType))
                .forEach(form -> appendForm(s, form));
        return sha1(s.toString());
    }

    private static void appendForm(StringBuilder s, DataForm form) {
        s.append(form.getFormType()).append('<');
        List<FormField> fields = new ArrayList<>(form.getFields());
        fields.removeIf(field -> field.getFieldName() == null || "FORM_TYPE".equals(field.getFieldName()));
        fields.sort(Comparator.comparing(FormField::getFieldName));
        for (FormField field : fields) {
            s.append(field.getFieldName()).append('<');
            field.getValues().stream().map(CharSequence::toString).sorted()
                    .forEach(value -> s.append(value).append('<'));
        }
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
