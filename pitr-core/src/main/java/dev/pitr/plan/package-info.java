/**
 * Stage 3, plan: {@link dev.pitr.plan.ChainPlanner} orders exports into a chain (FULL first, then
 * incrementals by end time), accepts overlaps, refuses gaps unless allowed, and gives a
 * {@link dev.pitr.plan.RestorePlan}.
 */
@NullMarked
package dev.pitr.plan;

import org.jspecify.annotations.NullMarked;
