package io.sift.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ratios of runs to limits measured in the same round of a case. A server's pace can change for
 * minutes at a time (Prosody runs the same bytes at about 30 or at 40-52 CPU s/GiB, bench/README):
 * a run divided by a ceiling of its own round compares both in the server's same state, where a
 * median divided by a median may pair a run of one state with a ceiling of the other.
 */
final class RoundRatio {

    /** A measurement and the round of the case it was taken in (from 0). */
    record InRound(int round, Measurement run) {
    }

    private RoundRatio() {
    }

    /** The median over runs of each run's rate over its round's limit; rounds without a limit are left out. */
    static double of(List<InRound> runs, List<Double> limitByRound) {
        List<Double> ratios = new ArrayList<>();
        for (InRound r : runs) {
            double limit = r.round() < limitByRound.size() ? limitByRound.get(r.round()) : Double.NaN;
            ratios.add(Stats.ratio(r.run().mibPerSecond(), limit));
        }
        return Stats.median(ratios);
    }

    /** Per round, the best rate among the measurements given; NaN for a round in which none succeeded. */
    static List<Double> bestByRound(Iterable<List<InRound>> measured, int rounds) {
        List<Double> best = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double top = Double.NaN;
            for (List<InRound> runs : measured) {
                for (InRound r : runs) {
                    if (r.round() == round && (Double.isNaN(top) || r.run().mibPerSecond() > top)) {
                        top = r.run().mibPerSecond();
                    }
                }
            }
            best.add(top);
        }
        return best;
    }

    /** The measurements alone, for medians. */
    static List<Measurement> runs(List<InRound> runs) {
        return runs.stream().map(InRound::run).toList();
    }

    /** The lists of the entries whose key passes, for {@link #bestByRound}. */
    static <K> List<List<InRound>> where(Map<K, List<InRound>> measured, java.util.function.Predicate<K> keep) {
        return measured.entrySet().stream().filter(e -> keep.test(e.getKey())).map(Map.Entry::getValue).toList();
    }
}
