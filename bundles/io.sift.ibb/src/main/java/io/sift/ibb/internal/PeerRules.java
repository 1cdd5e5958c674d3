package io.sift.ibb.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.sift.common.ConfigLists;
import io.sift.common.Printable;

/**
 * The quirk table of the in-band method: the peers that must get one data block at a time, told
 * apart by what they say of themselves. Each entry is {@code <source>:<text>}:
 * <ul>
 * <li>{@code caps:TEXT}: the entity capabilities node (XEP-0115) of a presence received from the
 * peer starts with TEXT;</li>
 * <li>{@code identity:TEXT}: one of the peer's disco#info identities (XEP-0030), written
 * {@code category/type/name} (Smack's is {@code client/pc/Smack}), contains TEXT;</li>
 * <li>{@code version:TEXT}: the software name the peer gives (XEP-0092), such as
 * {@code MyApp (Smack 4.4.8)}, contains TEXT.</li>
 * </ul>
 * The source and TEXT are compared ignoring case; white space around TEXT is dropped. Capabilities
 * nodes are URLs, so they match by their start; names are free text, so they match anywhere.
 *
 * <p>A configured value may hold several entries separated by commas: a configuration file read as
 * plain properties (SIFT's runtime) gives one string where Karaf's typed syntax gives an array. Blank
 * entries are skipped: consoles save an empty list as one empty string.
 */
final class PeerRules {

    /** Where a rule looks. */
    enum Source {
        CAPS("caps"), IDENTITY("identity"), VERSION("version");

        private final String prefix;

        Source(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix + ":";
        }
    }

    /** One entry of the table; {@code text} is lower case. */
    record Rule(Source source, String text) {

        boolean matches(String said) {
            String lower = said.toLowerCase(Locale.ROOT);
            return source == Source.CAPS ? lower.startsWith(text) : lower.contains(text);
        }

        @Override
        public String toString() {
            return source.prefix() + text;
        }
    }

    /** The outcome of reading entries: the rules that are good, and a line for each that is not. */
    record Parsed(PeerRules rules, List<String> problems) {
    }

    static final PeerRules NONE = new PeerRules(List.of());

    private final List<Rule> rules;

    private PeerRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The table a configuration gives: {@code oneBlockAtATimePeers}, and the entries of the deprecated
     * {@code stopAndWaitCapsNodes} (kept for existing configuration files) as caps rules.
     */
    static Parsed fromConfig(IbbConfig config) {
        Parsed table = parse("oneBlockAtATimePeers", config.oneBlockAtATimePeers());
        Parsed legacy = parseCapsNodes("stopAndWaitCapsNodes", config.stopAndWaitCapsNodes());
        List<String> problems = new ArrayList<>(table.problems());
        problems.addAll(legacy.problems());
        return new Parsed(table.rules().and(legacy.rules()), List.copyOf(problems));
    }

    /**
     * Reads table entries. Never throws: a bad entry becomes a problem naming {@code field} and the
     * entry, so that one log line can list them all.
     */
    static Parsed parse(String field, String[] values) {
        List<Rule> rules = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String entry : ConfigLists.entries(values)) {
            Optional<Source> source = sourceOf(entry);
            if (source.isEmpty()) {
                problems.add(field + ": '" + Printable.of(entry) + "' starts with none of caps:, identity:, version:");
                continue;
            }
            String text = entry.substring(source.get().prefix().length()).strip();
            if (text.isEmpty()) {
                problems.add(field + ": '" + Printable.of(entry) + "' has nothing to match after the prefix");
                continue;
            }
            rules.add(new Rule(source.get(), text.toLowerCase(Locale.ROOT)));
        }
        return new Parsed(new PeerRules(rules), List.copyOf(problems));
    }

    /**
     * Reads bare capabilities nodes, the entries of the deprecated {@code stopAndWaitCapsNodes}: each
     * is taken as {@code caps:NODE}.
     */
    static Parsed parseCapsNodes(String field, String[] values) {
        return parse(field, ConfigLists.entries(values).stream().map(node -> Source.CAPS.prefix() + node).toArray(String[]::new));
    }

    /** These rules and {@code more}. */
    PeerRules and(PeerRules more) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more.rules);
        return new PeerRules(all);
    }

    /** The first rule the caps node of the peer's presence matches. */
    Optional<Rule> matchCapsNode(String node) {
        return first(Source.CAPS, node);
    }

    /** The first rule that what the peer said of itself when asked matches. */
    Optional<Rule> match(PeerDescription description) {
        for (String identity : description.identities()) {
            Optional<Rule> rule = first(Source.IDENTITY, identity);
            if (rule.isPresent()) {
                return rule;
            }
        }
        return description.software().flatMap(software -> first(Source.VERSION, software));
    }

    /** Whether any rule needs the peer to be asked (disco#info or software version). */
    boolean needPeerAsked() {
        return rules.stream().anyMatch(r -> r.source() != Source.CAPS);
    }

    List<Rule> rules() {
        return rules;
    }

    private Optional<Rule> first(Source source, String said) {
        return rules.stream().filter(r -> r.source() == source && r.matches(said)).findFirst();
    }

    private static Optional<Source> sourceOf(String entry) {
        String lower = entry.toLowerCase(Locale.ROOT);
        for (Source source : Source.values()) {
            if (lower.startsWith(source.prefix())) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return rules.toString();
    }
}
