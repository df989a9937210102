package dev.pitr.dynamodb.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Watches and disturbs PutItem and DeleteItem calls (numbered from 1 in the order they are made),
 * faithfully:
 * <ul>
 * <li><b>Throttling</b>: the calls {@link #throttling} picks are sent to a table that does not
 *     exist, so nothing is written, and answered with a {@code 400
 *     ProvisionedThroughputExceededException}.</li>
 * <li><b>Applied, then lost</b>: the calls {@link #applyingThenFailing} picks reach the table and
 *     are applied, and their answer is rewritten into a {@code 500 InternalServerError}, as when
 *     DynamoDB wrote and the answer did not come back.</li>
 * </ul>
 * It records the condition expressions the calls carried and their {@code ReturnConsumedCapacity}
 * and {@code ReturnValuesOnConditionCheckFailure}, and counts calls (once per execution) and
 * HTTP attempts (once per attempt: more than calls when the SDK retries on its own).
 */
public final class ConditionalFaults extends ErrorAnswers {
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong throttles = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final List<String> conditions = new CopyOnWriteArrayList<>();
    private final Set<String> returnOptions = ConcurrentHashMap.newKeySet();
    private volatile LongPredicate throttle = n -> false;
    private volatile LongPredicate applyThenFail = n -> false;

    /** Throttles the calls whose number {@code calls} accepts. */
    public ConditionalFaults throttling(LongPredicate calls) {
        this.throttle = calls;
        return this;
    }

    /** Applies the calls whose number {@code calls} accepts, then answers them with HTTP 500. */
    public ConditionalFaults applyingThenFailing(LongPredicate calls) {
        this.applyThenFail = calls;
        return this;
    }

    /** PutItem and DeleteItem calls made. */
    public long calls() {
        return calls.get();
    }

    /** Their HTTP attempts, SDK retries included. */
    public long attempts() {
        return attempts.get();
    }

    /** Calls answered with an injected throttling error. */
    public long throttles() {
        return throttles.get();
    }

    /** Calls applied and answered with an injected HTTP 500. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** The condition expressions of the calls, in order ({@code "none"} where a call had none). */
    public List<String> conditions() {
        return List.copyOf(conditions);
    }

    /**
     * The {@code ReturnConsumedCapacity} and {@code ReturnValuesOnConditionCheckFailure} the calls
     * carried, as {@code "TOTAL/ALL_OLD"} ({@code "null"} where one was left out).
     */
    public Set<String> returnOptions() {
        return Set.copyOf(returnOptions);
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        if (request instanceof PutItemRequest put) {
            long n = watch(put.conditionExpression(), put.returnConsumedCapacityAsString(),
                    put.returnValuesOnConditionCheckFailureAsString());
            if (disturb(n, attributes)) {
                return put.toBuilder().tableName(NO_SUCH_TABLE).build();
            }
        } else if (request instanceof DeleteItemRequest delete) {
            long n = watch(delete.conditionExpression(), delete.returnConsumedCapacityAsString(),
                    delete.returnValuesOnConditionCheckFailureAsString());
            if (disturb(n, attributes)) {
                return delete.toBuilder().tableName(NO_SUCH_TABLE).build();
            }
        }
        return request;
    }

    private long watch(String condition, String consumedCapacity, String onConditionFailure) {
        conditions.add(condition == null ? "none" : condition);
        returnOptions.add(consumedCapacity + "/" + onConditionFailure);
        return calls.incrementAndGet();
    }

    /** Whether call {@code n} is to be diverted (throttled); marks the answer to rewrite. */
    private boolean disturb(long n, ExecutionAttributes attributes) {
        if (throttle.test(n)) {
            throttles.incrementAndGet();
            answerWith(attributes, Error.THROTTLE);
            return true;
        }
        if (applyThenFail.test(n)) {
            serverErrors.incrementAndGet();
            answerWith(attributes, Error.SERVER_ERROR);
        }
        return false;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (context.request() instanceof PutItemRequest || context.request() instanceof DeleteItemRequest) {
            attempts.incrementAndGet();
        }
    }
}
