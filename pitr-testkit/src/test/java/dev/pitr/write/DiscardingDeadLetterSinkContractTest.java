package dev.pitr.write;

import dev.pitr.model.Origin;
import dev.pitr.testing.contract.DeadLetterSinkContract;
import java.util.List;

/** {@link DeadLetterSink#discarding()} passes the contract as a sink that keeps nothing, by design. */
class DiscardingDeadLetterSinkContractTest extends DeadLetterSinkContract {
    @Override
    protected DeadLetterSink createSink() {
        return DeadLetterSink.discarding();
    }

    @Override
    protected List<Origin> recordedOrigins(DeadLetterSink sink) {
        return List.of();
    }

    @Override
    protected boolean keepsRecords() {
        return false;
    }
}
