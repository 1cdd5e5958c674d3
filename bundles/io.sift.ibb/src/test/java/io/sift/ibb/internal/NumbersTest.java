package io.sift.ibb.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.sift.common.Numbers;

class NumbersTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "0|0", "7|7", "65535|65535", "007|7", "2147483647|2147483647", "2147483648|2147483647",
        "99999999999999999999999|2147483647", "NULL|-1", "''|-1", "-1|-1", "+1|-1", "' 1'|-1", "'1 '|-1",
        "1e3|-1", "0x1F|-1", "١٢|-1"})
    void readsPlainDecimalsOnly(String raw, int expected) {
        assertEquals(expected, Numbers.unsignedDecimal(raw));
    }
}
