package dev.pitr.dynamodb.internal;

import dev.pitr.write.DeadLetterSink;
import dev.pitr.write.FailurePolicy;
import dev.pitr.write.SkippedOperation;
import dev.pitr.write.Ticker;
import dev.pitr.write.WriteFailedException;
import dev.pitr.write.WriteOutcome;
import java.util.List;
import java.util.Set;

/**
 * Ends operations: completes their futures, counts them, gives their room back to the
 * {@link OpBudget}, takes them off {@link Progress}'s outstanding list, and lets the next operation on the same item go (until the sink stops).
 * Applies the failure policy to the operations DynamoDB will not take. Each operation ends once;
 * later attempts are ignored. Used by the loop thread only.
 */
final class Settlement {
    private final String table;
    private final FailurePolicy policy;
    private final DeadLetterSink deadLetters;
    private final SinkMetrics metrics;
    private final OpBudget budget;
    private final BatchAssembler assembler;
    private final Ticker ticker;
    private final Progress progress;
    private boolean frozen;

    Settlement(SinkConfig config, SinkMetrics metrics, OpBudget budget, BatchAssembler assembler, Progress progress) {
        this.table = config.table();
        this.policy = config.failurePolicy();
        this.deadLetters = config.deadLetterSink();
        this.metrics = metrics;
        this.budget = budget;
        this.assembler = assembler;
        this.ticker = config.ticker();
        this.progress = progress;
    }

    /** The sink stopped: ending an operation no longer releases the next one on its item. */
    void freeze() {
        frozen = true;
    }

    /**
     * DynamoDB accepted the operations of {@code ops} other than {@code handedBack} (which may be
     * {@code null}: none was handed back): counts them,
     * gives their room back and lets the next operation on each item go, with one update of the
     * counters and of the budget for them all, before any of their futures completes.
     */
    void written(List<Pending> ops, Set<Pending> handedBack) {
        long now = ticker.read();
        int puts = 0;
        int deletes = 0;
        long bytes = 0;
        for (Pending p : ops) {
            if (p.done || (handedBack != null && handedBack.contains(p))) {
                continue;
            }
            p.done = true;
            p.writtenHere = true;
            progress.finished(p);
            if (p.isPut()) {
                puts++;
            } else {
                deletes++;
            }
            bytes += p.requestBytes;
            if (!frozen) {
                assembler.release(p, now);
            }
        }
        metrics.written(puts, deletes);
        budget.release(puts + deletes, bytes);
        for (Pending p : ops) {
            if (p.writtenHere) {
                p.writtenHere = false;
                p.future.complete(WriteOutcome.WRITTEN);
            }
        }
    }

    /**
     * Applies the failure policy to an operation DynamoDB will not take: SKIP records it in the
     * dead-letter sink and completes it as skipped; FAIL fails its future.
     *
     * @return the failure when the operation failed (the caller then stops the sink, once it has
     *         ended the other operations it holds), else {@code null}
     */
    WriteFailedException refused(Pending p, String reason, Throwable cause) {
        if (p.done) {
            return null;
        }
        if (policy == FailurePolicy.SKIP) {
            try {
                deadLetters.accept(SkippedOperation.of(p.op, p.key(), reason));
            } catch (RuntimeException e) {
                WriteFailedException failed = new WriteFailedException(table, p.key(), p.op.origin(), reason
                        + "; skipping it failed too, the dead-letter sink refused it: " + e.getMessage(), e);
                failed(p, failed);
                return failed;
            }
            metrics.skipped();
            end(p);
            p.future.complete(WriteOutcome.SKIPPED);
            return null;
        }
        WriteFailedException failed = new WriteFailedException(table, p.key(), p.op.origin(), reason, cause);
        failed(p, failed);
        return failed;
    }

    /** Fails {@code p} with {@code e}, whatever the policy. */
    void failed(Pending p, WriteFailedException e) {
        if (!p.done) {
            metrics.failed();
            end(p);
            p.future.completeExceptionally(e);
        }
    }

    /** Fails {@code p}, which will not be sent (or whose outcome is unknown), for {@code reason}. */
    void abandoned(Pending p, String reason, Throwable cause) {
        if (!p.done) {
            failed(p, new WriteFailedException(table, p.key(), p.op.origin(), reason, cause));
        }
    }

    private void end(Pending p) {
        p.done = true;
        progress.finished(p);
        budget.release(p.requestBytes);
        if (!frozen) {
            assembler.release(p, ticker.read());
        }
    }
}
