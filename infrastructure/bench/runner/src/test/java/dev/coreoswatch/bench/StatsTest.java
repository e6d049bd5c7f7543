package dev.coreoswatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertEquals(new Stats(412, 398, 900), Stats.of(900, 398, 412));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertEquals(new Stats(15, 4, 31), Stats.of(31, 4, 20, 10));
    }

    @Test
    void formatsRoundedMedianMinAndMax() {
        assertEquals("413 (398–901)", Stats.of(900.6, 398.2, 412.5).format());
    }

    @Test
    void noSamplesIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Stats.of(List.<Double>of(), Double::doubleValue));
    }
}
