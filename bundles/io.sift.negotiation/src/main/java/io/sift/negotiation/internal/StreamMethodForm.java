package io.sift.negotiation.internal;

import java.util.List;

import org.jivesoftware.smack.util.XmlStringBuilder;

/**
 * The XEP-0020 form inside {@code <feature/>}, reduced to what Stream Initiation uses: the
 * {@code stream-method} field. An offer lists options, an answer carries the chosen value.
 *
 * @param formType the form's {@code type} attribute as received, null if absent
 * @param hasMethodField whether the form has a {@code stream-method} field at all
 * @param options the field's option values in document order, whitespace stripped, empty ones dropped
 * @param values the field's own values, treated alike
 */
record StreamMethodForm(String formType, boolean hasMethodField, List<String> options, List<String> values) {

    StreamMethodForm {
        options = List.copyOf(options);
        values = List.copyOf(values);
    }

    static StreamMethodForm offer(List<String> methods) {
        return new StreamMethodForm("form", true, methods, List.of());
    }

    static StreamMethodForm answer(String method) {
        return new StreamMethodForm("submit", true, List.of(), List.of(method));
    }

    /**
     * What the sender offers: the options, or, from a sender that put the methods in values
     * instead, those.
     */
    List<String> offeredMethods() {
        return options.isEmpty() ? values : options;
    }

    void appendTo(XmlStringBuilder xml) {
        xml.halfOpenElement(SiNamespaces.FEATURE_ELEMENT).xmlnsAttribute(SiNamespaces.FEATURE_NEG).rightAngleBracket();
        xml.halfOpenElement(SiNamespaces.FORM_ELEMENT).xmlnsAttribute(SiNamespaces.DATA_FORMS)
                .optAttribute("type", formType).rightAngleBracket();
        xml.halfOpenElement("field").attribute("var", SiNamespaces.STREAM_METHOD_FIELD);
        if (!options.isEmpty()) {
            xml.attribute("type", "list-single");
        }
        xml.rightAngleBracket();
        for (String option : options) {
            xml.openElement("option").element("value", option).closeElement("option");
        }
        for (String value : values) {
            xml.element("value", value);
        }
        xml.closeElement("field");
        xml.closeElement(SiNamespaces.FORM_ELEMENT);
        xml.closeElement(SiNamespaces.FEATURE_ELEMENT);
    }
}
