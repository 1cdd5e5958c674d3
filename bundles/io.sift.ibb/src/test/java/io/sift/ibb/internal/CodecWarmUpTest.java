package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The warm-up's blocks take every shape a stream's blocks take, and each decoded one comes back whole. */
class CodecWarmUpTest {

    @Test
    void theSmallBlocksEndInEveryPaddingOfBase64() {
        Set<Integer> paddings = CodecWarmUp.SHAPES.stream().map(n -> (3 - n % 3) % 3).collect(Collectors.toSet());
        assertEquals(Set.of(0, 1, 2), paddings, "no '=', one, two");
    }

    @Test
    void eachShapeIsEncodedFromAWholeArrayPartOfOneAndPartOfADirectBufferAndDecodedWhole() {
        CodecWarmUp.Rounds rounds = new CodecWarmUp.Rounds(new Random(1));
        int shapes = CodecWarmUp.SHAPES.size();
        List<Integer> textLengths = new ArrayList<>();
        List<Integer> decodedLengths = new ArrayList<>();
        for (int n = 0; n < 3 * shapes; n++) {
            textLengths.add(rounds.encodeSmall(n));
            // checks that the bytes decoded are as many as encoded (it throws otherwise)
            decodedLengths.add(rounds.decodeSmall(n));
        }
        List<Integer> expectedText = new ArrayList<>();
        List<Integer> expectedBytes = new ArrayList<>();
        for (int n = 0; n < 3 * shapes; n++) {
            int bytes = CodecWarmUp.SHAPES.get(n % shapes);
            expectedBytes.add(bytes);
            expectedText.add(Base64Text.encodedLength(bytes));
        }
        assertEquals(expectedText, textLengths);
        assertEquals(expectedBytes, decodedLengths);
        rounds.encodeTimed();
        rounds.decodeTimed();
        assertEquals(CodecWarmUp.SHAPES.get(1), rounds.decodeSmall(1), "small again after the big block");
    }
}
