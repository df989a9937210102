package dev.pitr.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "42", "+7", "-3.25", ".5", "5.", "1E+125", "9.9999E125", "1E-130",
        "0.000001", "12345678901234567890123456789012345678", "100000000000000000000000000000000000000000",
        "1.2345678901234567890123456789012345678e10", "0e999999"})
    void check_numbersDynamoDbAccepts_pass(String text) {
        assertThat(Numbers.check(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1e", "1e+", "abc", "1.2.3", "1,5", "0x10", "NaN", "Infinity", " 1",
        "1 ", "123456789012345678901234567890123456789", "1E126", "1E-131", "--1"})
    void check_otherText_fails(String text) {
        assertThat(Numbers.check(text)).isNotNull();
    }

    @org.junit.jupiter.api.Test
    void plainDecimalFastPath_agreesWithTheFullCheck() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "0123456789000.-+eE";
        int plain = 0;
        for (int round = 0; round < 200_000; round++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(random.nextBoolean() ? 6 : 45);
            for (int k = 0; k < length; k++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            if (Numbers.isPlainDecimal(text)) {
                plain++;
                assertThat(Numbers.checkFully(text)).as(text).isNull();
            }
        }
        assertThat(plain).isGreaterThan(1000);
    }
}
