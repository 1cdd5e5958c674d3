package io.sift.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class InTurnTest {

    @Test
    void eachRoundStartsWithTheNextVariant() {
        Variant a = Variant.sift("A", "socks5", true, false);
        Variant b = Variant.smack("B", false);
        Variant c = Variant.smack("C", false, "--method", "ibb");
        List<Variant> all = List.of(a, b, c);
        assertEquals(List.of(a, b, c), Runs.inTurn(all, 0));
        assertEquals(List.of(b, c, a), Runs.inTurn(all, 1));
        assertEquals(List.of(c, a, b), Runs.inTurn(all, 2));
        assertEquals(List.of(a, b, c), Runs.inTurn(all, 3));
        assertEquals(List.of(a), Runs.inTurn(List.of(a), 5));
    }
}
