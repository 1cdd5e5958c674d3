package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sift.bench.RoundRatio.InRound;

class RoundRatioTest {

    /** A run of one second at the given rate. */
    private static InRound at(int round, double mibPerSecond) {
        return new InRound(round, new Measurement(Math.round(mibPerSecond * 1048576), 1000, Double.NaN, 0, 0, -1, 0));
    }

    @Test
    void eachRunIsTakenAgainstTheLimitOfItsOwnRound() {
        // the server fast in rounds 0 and 2 and slow in round 1, and the last run slower than the others:
        // against their own rounds the runs made 0.9, 0.9 and 0.75 of the limit; the median of the
        // runs over the median of the limits would be 30 / 40
        List<Double> limits = List.of(40.0, 25.0, 40.0);
        List<InRound> runs = List.of(at(0, 36), at(1, 22.5), at(2, 30));
        assertEquals(0.9, RoundRatio.of(runs, limits), 1e-9);
    }

    @Test
    void roundsWithoutALimitOrWithoutARunAreLeftOut() {
        List<Double> limits = List.of(Double.NaN, 20.0);
        assertEquals(0.5, RoundRatio.of(List.of(at(0, 30), at(1, 10)), limits), 0.01);
        assertTrue(Double.isNaN(RoundRatio.of(List.of(at(0, 30)), limits)));
        assertTrue(Double.isNaN(RoundRatio.of(List.of(at(5, 30)), limits)));
        assertTrue(Double.isNaN(RoundRatio.of(List.of(), limits)));
    }

    @Test
    void theBestOfEachRoundIsTheFastestOfThatRound() {
        Map<String, List<InRound>> measured = Map.of(
                "iq", List.of(at(0, 30), at(1, 20), at(2, 35)),
                "message", List.of(at(0, 33), at(2, 31)));
        List<Double> best = RoundRatio.bestByRound(measured.values(), 4);
        assertEquals(4, best.size());
        assertEquals(33, best.get(0), 0.1);
        assertEquals(20, best.get(1), 0.1);
        assertEquals(35, best.get(2), 0.1);
        assertTrue(Double.isNaN(best.get(3)), "a round in which nothing was measured");
        assertEquals(List.of(measured.get("iq")), RoundRatio.where(measured, "iq"::equals));
    }
}
