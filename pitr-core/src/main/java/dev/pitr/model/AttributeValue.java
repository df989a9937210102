package dev.pitr.model;

import dev.pitr.model.internal.AttributeSet;
import dev.pitr.model.internal.AttributeMap;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One DynamoDB attribute value, typed as DynamoDB types it: {@link S}, {@link N}, {@link B},
 * {@link Bool}, {@link Null}, {@link M}, {@link L}, {@link SS}, {@link NS}, {@link BS}.
 *
 * <p>Values are immutable. Numbers keep their exact decimal text (never a {@code double}).
 * {@code toString()} never shows a value, only its type: values may be personal data.
 */
public sealed interface AttributeValue
        permits AttributeValue.S, AttributeValue.N, AttributeValue.B, AttributeValue.Bool,
                AttributeValue.Null, AttributeValue.M, AttributeValue.L, AttributeValue.SS,
                AttributeValue.NS, AttributeValue.BS {

    /** The DynamoDB type tags. */
    enum Type { S, N, B, BOOL, NULL, M, L, SS, NS, BS }

    /** This value's DynamoDB type tag. */
    Type type();

    /** A string. May be empty (DynamoDB allows empty strings outside keys). */
    record S(String value) implements AttributeValue {
        public S {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Type type() {
            return Type.S;
        }

        @Override
        public String toString() {
            return "S[***]";
        }
    }

    /**
     * A number, kept as its exact decimal text: at most 38 significant digits, magnitude between
     * 1E-130 and 9.99...E+125, as DynamoDB accepts.
     */
    record N(String text) implements AttributeValue {
        public N {
            String problem = Numbers.check(Objects.requireNonNull(text, "text"));
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        /** The number as a {@link java.math.BigDecimal}, exactly. */
        public java.math.BigDecimal toBigDecimal() {
            return new java.math.BigDecimal(text);
        }

        @Override
        public Type type() {
            return Type.N;
        }

        @Override
        public String toString() {
            return "N[***]";
        }
    }

    /**
     * Binary. Holds its bytes without copying them; {@link #wrap} hands ownership over, and the
     * caller must not change the array afterwards.
     */
    final class B implements AttributeValue {
        private final byte[] bytes;
        private int hash; // computed on first use; 0 until then (and for hashes that are 0)

        private B(byte[] bytes) {
            this.bytes = bytes;
        }

        /** A binary value holding a copy of {@code bytes}. */
        public static B of(byte[] bytes) {
            return new B(bytes.clone());
        }

        /** A binary value that takes {@code bytes} as its own, without a copy. */
        public static B wrap(byte[] bytes) {
            return new B(Objects.requireNonNull(bytes, "bytes"));
        }

        /** A binary value from Base64 text. */
        public static B ofBase64(String base64) {
            return new B(Base64.getDecoder().decode(base64));
        }

        /** A copy of the bytes. */
        public byte[] toByteArray() {
            return bytes.clone();
        }

        /** The bytes themselves, not a copy: for handing to a client without copying. Do not modify. */
        public byte[] unsafeBytes() {
            return bytes;
        }

        public int length() {
            return bytes.length;
        }

        @Override
        public Type type() {
            return Type.B;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof B other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            int h = hash;
            if (h == 0) {
                h = Arrays.hashCode(bytes);
                hash = h;
            }
            return h;
        }

        @Override
        public String toString() {
            return "B[" + bytes.length + " bytes]";
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements AttributeValue {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);

        public static Bool of(boolean value) {
            return value ? TRUE : FALSE;
        }

        @Override
        public Type type() {
            return Type.BOOL;
        }

        @Override
        public String toString() {
            return "BOOL[***]";
        }
    }

    /** The NULL value. */
    record Null() implements AttributeValue {
        public static final Null INSTANCE = new Null();

        @Override
        public Type type() {
            return Type.NULL;
        }

        @Override
        public String toString() {
            return "NULL";
        }
    }

    /** A map of names to values; order is not significant. */
    record M(Map<String, AttributeValue> value) implements AttributeValue {
        public M {
            value = AttributeMap.of(value);
        }

        @Override
        public Type type() {
            return Type.M;
        }

        @Override
        public String toString() {
            return "M" + value.keySet();
        }
    }

    /** A list of values. */
    record L(List<AttributeValue> value) implements AttributeValue {
        public L {
            value = List.copyOf(value);
        }

        @Override
        public Type type() {
            return Type.L;
        }

        @Override
        public String toString() {
            return "L[" + value.size() + " elements]";
        }
    }

    /** A string set: never empty; element order is not significant. */
    record SS(Set<String> value) implements AttributeValue {
        public SS {
            value = Sets.nonEmptyCopy(value, "SS");
        }

        @Override
        public Type type() {
            return Type.SS;
        }

        @Override
        public String toString() {
            return "SS[" + value.size() + " elements]";
        }
    }

    /**
     * A number set: never empty; element order is not significant. Elements are compared as
     * text, as DynamoDB returns them in canonical form.
     */
    record NS(Set<String> value) implements AttributeValue {
        public NS {
            value = Sets.nonEmptyCopy(value, "NS");
            for (String n : value) {
                String problem = Numbers.check(n);
                if (problem != null) {
                    throw new IllegalArgumentException(problem);
                }
            }
        }

        @Override
        public Type type() {
            return Type.NS;
        }

        @Override
        public String toString() {
            return "NS[" + value.size() + " elements]";
        }
    }

    /** A binary set: never empty; element order is not significant. */
    record BS(Set<B> value) implements AttributeValue {
        public BS {
            value = Sets.nonEmptyCopy(value, "BS");
        }

        @Override
        public Type type() {
            return Type.BS;
        }

        @Override
        public String toString() {
            return "BS[" + value.size() + " elements]";
        }
    }

    /** Set copying shared by the three set types. */
    final class Sets {
        private Sets() {
        }

        static <T> Set<T> nonEmptyCopy(Set<T> in, String type) {
            if (in.isEmpty()) {
                throw new IllegalArgumentException(type + " must not be empty");
            }
            return AttributeSet.of(in, type);
        }
    }
}
