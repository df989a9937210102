package dev.pitr.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

class CapacityUnitsTest {

    @Test
    void estimate_isOneUnitPerStarted4Kb_halvedWhenEventuallyConsistent_atLeastTheMinimum() {
        assertThat(CapacityUnits.estimate(0, true)).isEqualTo(1);
        assertThat(CapacityUnits.estimate(0, false)).isEqualTo(0.5);
        assertThat(CapacityUnits.estimate(4096, true)).isEqualTo(1);
        assertThat(CapacityUnits.estimate(4097, true)).isEqualTo(2);
        assertThat(CapacityUnits.estimate(1024 * 1024, false)).isEqualTo(128);
    }

    @Test
    void reported_sumsWhatTheAnswerReports_orIsNaNWhenItReportsNone() {
        assertThat(CapacityUnits.reported(ConsumedCapacity.builder().capacityUnits(2.5).build())).isEqualTo(2.5);
        assertThat(CapacityUnits.reported((ConsumedCapacity) null)).isNaN();
        assertThat(CapacityUnits.reported(ConsumedCapacity.builder().tableName("t").build())).isNaN();
        assertThat(CapacityUnits.reported(List.of(ConsumedCapacity.builder().capacityUnits(1.0).build(),
                ConsumedCapacity.builder().capacityUnits(0.5).build()))).isEqualTo(1.5);
        assertThat(CapacityUnits.reported(List.of())).isNaN();
    }

    @Test
    void permits_roundUp_toAtLeastOne() {
        assertThat(CapacityUnits.permits(0)).isEqualTo(1);
        assertThat(CapacityUnits.permits(0.5)).isEqualTo(1);
        assertThat(CapacityUnits.permits(Double.NaN)).isEqualTo(1);
        assertThat(CapacityUnits.permits(10.5)).isEqualTo(11);
        assertThat(CapacityUnits.permits(1e12)).isEqualTo(Integer.MAX_VALUE);
    }
}
