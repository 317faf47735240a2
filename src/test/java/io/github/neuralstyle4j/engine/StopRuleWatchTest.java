package io.github.neuralstyle4j.engine;

import io.github.neuralstyle4j.config.StopRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stop rule on hand-made loss sequences whose improvements are worked out in the comments. */
class StopRuleWatchTest {

    private static Evaluation loss(int n, double total) {
        return new Evaluation(n, total, 0);
    }

    @Test
    void budgetStopsAtExactlyThatEvaluation() {
        StopRuleWatch watch = new StopRuleWatch(new StopRule(5, 0, 20));
        for (int n = 1; n <= 4; n++) {
            int number = n;
            assertDoesNotThrow(() -> watch.check(loss(number, 1.0 / number)));
        }
        StopRuleMetException e = assertThrows(StopRuleMetException.class, () -> watch.check(loss(5, 0.2)));
        assertTrue(e.getMessage().contains("5 evaluations"), e.getMessage());
    }

    @Test
    void stopsWhenTheBestLossImprovedTooLittleOverTheWindow() {
        // window 2, minimum 1 %: after n, compare best(1..n) with best(1..n-2)
        StopRuleWatch watch = new StopRuleWatch(new StopRule(0, 0.01, 2));
        watch.check(loss(1, 100));
        watch.check(loss(2, 50));
        watch.check(loss(3, 40));    // best 40 vs best(1..1) = 100: 60 % better
        watch.check(loss(4, 39.9));  // 39.9 vs best(1..2) = 50: 20 % better
        // 39.9 vs best(1..3) = 40: 0.25 % better, under 1 %
        StopRuleMetException e = assertThrows(StopRuleMetException.class, () -> watch.check(loss(5, 39.95)));
        assertTrue(e.getMessage().contains("0.25 %"), e.getMessage());
    }

    @Test
    void anUphillJumpDoesNotCountAsProgressNorStopsTheRun() {
        // the rule follows the best loss so far: a jump to 1000 and back changes nothing, and a new best after the
        // jump counts as progress over the window
        StopRuleWatch watch = new StopRuleWatch(new StopRule(0, 0.01, 2));
        watch.check(loss(1, 10));
        watch.check(loss(2, 5));
        watch.check(loss(3, 1000)); // best still 5 vs best(1..1) = 10: 50 % better
        watch.check(loss(4, 4));    // best 4 vs best(1..2) = 5: 20 % better
        watch.check(loss(5, 7));    // best 4 vs best(1..3) = 5: 20 % better
        // best 4 vs best(1..4) = 4: no progress over the last two evaluations
        assertThrows(StopRuleMetException.class, () -> watch.check(loss(6, 7)));
    }

    @Test
    void theSeedModeNeverStops() {
        StopRuleWatch watch = new StopRuleWatch(StopRule.NONE);
        for (int n = 1; n <= 1000; n++) {
            watch.check(loss(n, 1));
        }
    }
}
