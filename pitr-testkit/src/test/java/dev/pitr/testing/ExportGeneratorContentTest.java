package dev.pitr.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.ion.IonDecimal;
import com.amazon.ion.IonList;
import com.amazon.ion.IonStruct;
import com.amazon.ion.IonType;
import com.amazon.ion.IonValue;
import dev.pitr.manifest.OutputFormat;
import dev.pitr.manifest.OutputView;
import dev.pitr.model.AttributeValue;
import dev.pitr.model.Item;
import dev.pitr.model.Key;
import dev.pitr.model.KeySchema;
import dev.pitr.model.WriteOp;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Generated data lines, parsed back by an independent reader, have the documented shape for
 * both formats and both views, and hold exactly what the generator says it wrote.
 */
class ExportGeneratorContentTest {
    private static final Instant T0 = Instant.parse("2026-01-14T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(15);

    @TempDir
    Path root;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"DYNAMODB_JSON, NEW_AND_OLD_IMAGES", "DYNAMODB_JSON, NEW_IMAGE", "ION, NEW_AND_OLD_IMAGES",
            "ION, NEW_IMAGE"})
    void incremental_linesParsedIndependently_matchTheStateBeforeAndAfter(OutputFormat format, OutputView view) {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).format(format).view(view)
                .keySchema(KeySchema.of("pk", KeySchema.ScalarType.S, "sk", KeySchema.ScalarType.N))
                .itemShape(ItemShape.MEDIUM).filesPerExport(3).build();
        GeneratedExport full = gen.full(60, T0);
        assertFullLines(full, gen.expectedState(), format);
        gen.incremental(T0, T0.plus(WINDOW), Changes.of(5, 8, 3, 0));
        Map<Key, Item> before = gen.expectedState();

        Instant from = T0.plus(WINDOW);
        Instant to = from.plus(WINDOW);
        GeneratedExport inc = gen.incremental(from, to, Changes.of(10, 6, 4, 5));
        Map<Key, Item> after = gen.expectedState();

        List<IndependentParser.Line> lines = new ArrayList<>();
        for (GeneratedDataFile f : inc.dataFiles()) {
            List<String> text = IndependentParser.lines(f.path());
            for (int i = 0; i < text.size(); i++) {
                if (format == OutputFormat.ION) {
                    assertThat(text.get(i).startsWith("$ion_1_0 ")).as("line %d of %s", i + 1, f.key()).isEqualTo(i == 0);
                }
                lines.add(IndependentParser.parse(text.get(i), format == OutputFormat.ION));
            }
        }
        assertThat(lines).hasSize(25);
        Set<Key> seen = new HashSet<>();
        int updates = 0;
        int deletes = 0;
        int inserts = 0;
        long fromMicros = from.toEpochMilli() * 1000;
        long toMicros = to.toEpochMilli() * 1000;
        List<Long> stamps = new ArrayList<>();
        for (IndependentParser.Line l : lines) {
            assertThat(l.item()).isNull();
            assertThat(l.keys()).isNotNull();
            assertThat(seen.add(l.keys())).as("each key at most once").isTrue();
            assertThat(l.writeTimestampMicros()).isBetween(fromMicros, toMicros - 1);
            stamps.add(l.writeTimestampMicros());
            Item old = before.get(l.keys());
            if (view == OutputView.NEW_AND_OLD_IMAGES) {
                assertThat(l.oldImage()).isEqualTo(old);
            } else {
                assertThat(l.oldImage()).isNull();
            }
            assertThat(l.newImage()).isEqualTo(after.get(l.keys()));
            if (l.newImage() != null) {
                assertThat(l.newImage().keyFor(gen.keySchema())).isEqualTo(l.keys());
            }
            if (l.newImage() == null) {
                deletes++;
            } else if (old != null) {
                updates++;
                assertThat(l.newImage().attributes().keySet()).isNotEqualTo(old.attributes().keySet());
            } else {
                inserts++;
            }
        }
        assertThat(updates).isEqualTo(10);
        assertThat(deletes).isEqualTo(6);
        assertThat(inserts).isEqualTo(9); // 4 new + 5 re-inserted
        assertThat(stamps).as("lines are not in time order").isNotEqualTo(stamps.stream().sorted().toList());
        // Every other key is unchanged.
        before.forEach((k, v) -> {
            if (!seen.contains(k)) {
                assertThat(after.get(k)).isEqualTo(v);
            }
        });
    }

    private static void assertFullLines(GeneratedExport full, Map<Key, Item> state, OutputFormat format) {
        int n = 0;
        for (GeneratedDataFile f : full.dataFiles()) {
            for (String line : IndependentParser.lines(f.path())) {
                IndependentParser.Line l = IndependentParser.parse(line, format == OutputFormat.ION);
                assertThat(l.keys()).isNull();
                assertThat(l.writeTimestampMicros()).isNull();
                assertThat(l.item()).isNotNull();
                assertThat(state).containsValue(l.item());
                n++;
            }
        }
        assertThat(n).isEqualTo(state.size()).isEqualTo(full.itemCount());
    }

    @ParameterizedTest
    @CsvSource({"DYNAMODB_JSON", "ION"})
    void records_describeEveryLineAtItsFileAndLineNumber(OutputFormat format) {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).format(format).filesPerExport(2).build();
        GeneratedChain chain = gen.chain(30, T0, WINDOW, Changes.of(4, 3, 2, 0), Changes.of(2, 2, 2, 2));

        for (GeneratedExport e : chain.exports()) {
            List<GeneratedRecord> records = e.records();
            assertThat(records).hasSize((int) e.itemCount());
            for (GeneratedRecord r : records) {
                GeneratedDataFile f = e.dataFiles().stream().filter(d -> d.key().equals(r.dataFileKey())).findFirst()
                        .orElseThrow();
                String line = IndependentParser.lines(f.path()).get((int) r.line() - 1);
                IndependentParser.Line l = IndependentParser.parse(line, format == OutputFormat.ION);
                if (e.isFull()) {
                    assertThat(l.item()).isEqualTo(r.newImage());
                    assertThat(r.writeTimestampMicros()).isEqualTo(WriteOp.NO_TIMESTAMP);
                } else {
                    assertThat(l.keys()).isEqualTo(r.key());
                    assertThat(l.oldImage()).isEqualTo(r.oldImage());
                    assertThat(l.newImage()).isEqualTo(r.newImage());
                    assertThat(l.writeTimestampMicros()).isEqualTo(r.writeTimestampMicros());
                }
            }
        }
    }

    @Test
    void deleteLines_haveKeysAndOldImage_orKeysAloneInNewImageView() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).filesPerExport(1).build();
        gen.full(10, T0);
        GeneratedExport both = gen.incremental(T0, T0.plus(WINDOW), Changes.of(0, 2, 0, 0));
        GeneratedExport newOnly = gen.incremental(T0.plus(WINDOW), T0.plus(WINDOW.multipliedBy(2)),
                Changes.of(0, 2, 0, 0), OutputView.NEW_IMAGE);

        for (String line : IndependentParser.lines(both.dataFiles().get(0).path())) {
            assertThat(IndependentParser.json(line)).containsOnlyKeys("Metadata", "Keys", "OldImage");
        }
        for (String line : IndependentParser.lines(newOnly.dataFiles().get(0).path())) {
            assertThat(IndependentParser.json(line)).containsOnlyKeys("Metadata", "Keys");
            assertThat(line).startsWith("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"");
        }
    }

    @Test
    void ionLines_useDecimalsBlobsAndAnnotatedSets_neverFloats() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).format(OutputFormat.ION)
                .itemShape(ItemShape.MEDIUM).filesPerExport(1).build();
        gen.full(20, T0);
        GeneratedExport inc = gen.incremental(T0, T0.plus(WINDOW), Changes.of(3, 0, 0, 0));

        Set<String> annotations = new HashSet<>();
        Set<IonType> types = EnumSet.noneOf(IonType.class);
        for (String line : IndependentParser.lines(inc.dataFiles().get(0).path())) {
            IonStruct record = IndependentParser.ion(line);
            assertThat(record.get("Metadata")).isInstanceOf(IonStruct.class);
            assertThat(((IonStruct) record.get("Metadata")).get("WriteTimestampMicros")).isInstanceOf(IonDecimal.class);
            collect(record.get("NewImage"), annotations, types);
        }
        assertThat(annotations).containsExactlyInAnyOrder("$dynamodb_SS", "$dynamodb_NS", "$dynamodb_BS");
        assertThat(types).contains(IonType.DECIMAL, IonType.BLOB, IonType.STRING, IonType.BOOL, IonType.NULL,
                IonType.STRUCT, IonType.LIST).doesNotContain(IonType.FLOAT, IonType.INT, IonType.SYMBOL);
    }

    private static void collect(IonValue v, Set<String> annotations, Set<IonType> types) {
        annotations.addAll(List.of(v.getTypeAnnotations()));
        types.add(v.getType());
        if (v instanceof IonStruct s) {
            s.forEach(e -> collect(e, annotations, types));
        } else if (v instanceof IonList l) {
            l.forEach(e -> collect(e, annotations, types));
        }
    }

    @Test
    void mediumItems_coverEveryTypeAndEscapingCase() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).itemShape(ItemShape.MEDIUM).build();
        gen.full(40, T0);
        Set<AttributeValue.Type> types = EnumSet.noneOf(AttributeValue.Type.class);
        Set<String> strings = new HashSet<>();
        for (Item item : gen.expectedState().values()) {
            item.attributes().values().forEach(v -> walk(v, types, strings));
        }
        assertThat(types).containsAll(EnumSet.allOf(AttributeValue.Type.class));
        String all = String.join(" ", strings);
        assertThat(all).contains("\n", "\"", "\\", "\t", "\u0001", "\u2028", "日本語").containsPattern("[\\x{1F600}-\\x{1F680}]");
        assertThat(strings).contains("");
    }

    @Test
    void numbers_areCanonical_andUpTo38SignificantDigits() {
        ExportGenerator gen = ExportGenerator.builder().bucketRoot(root).itemShape(ItemShape.MEDIUM)
                .keySchema(KeySchema.of("id", KeySchema.ScalarType.N)).build();
        gen.full(50, T0);
        List<String> numbers = new ArrayList<>();
        for (Item item : gen.expectedState().values()) {
            item.attributes().values().forEach(v -> numbers(v, numbers));
        }
        assertThat(numbers).hasSizeGreaterThan(500).allSatisfy(n -> {
            assertThat(n).matches("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");
            java.math.BigDecimal d = new java.math.BigDecimal(n);
            assertThat(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString()).isEqualTo(n);
            assertThat(d.stripTrailingZeros().precision()).isLessThanOrEqualTo(38);
        });
        assertThat(numbers).anySatisfy(n -> assertThat(n.replaceAll("[-.]", "").replaceFirst("^0+", "")).hasSize(38));
        assertThat(numbers).anySatisfy(n -> assertThat(n).startsWith("0.0000000000"));
    }

    private static void numbers(AttributeValue v, List<String> out) {
        if (v instanceof AttributeValue.N n) {
            out.add(n.text());
        } else if (v instanceof AttributeValue.NS ns) {
            out.addAll(ns.value());
        } else if (v instanceof AttributeValue.M m) {
            m.value().values().forEach(e -> numbers(e, out));
        } else if (v instanceof AttributeValue.L l) {
            l.value().forEach(e -> numbers(e, out));
        }
    }

    private static void walk(AttributeValue v, Set<AttributeValue.Type> types, Set<String> strings) {
        types.add(v.type());
        if (v instanceof AttributeValue.S s) {
            strings.add(s.value());
        } else if (v instanceof AttributeValue.SS ss) {
            strings.addAll(ss.value());
        } else if (v instanceof AttributeValue.M m) {
            m.value().values().forEach(e -> walk(e, types, strings));
        } else if (v instanceof AttributeValue.L l) {
            l.value().forEach(e -> walk(e, types, strings));
        }
    }

    @Test
    void itemShapes_haveTheAdvertisedSizes() {
        for (ItemShape shape : ItemShape.values()) {
            ExportGenerator gen = ExportGenerator.builder().bucketRoot(root.resolve(shape.name())).itemShape(shape)
                    .build();
            int n = shape == ItemShape.LARGE ? 10 : 100;
            gen.full(n, T0);
            double average = gen.expectedState().values().stream().mapToLong(Item::sizeInBytes).average().orElseThrow();
            switch (shape) {
                case SMALL -> assertThat(average).isBetween(120.0, 300.0);
                case MEDIUM -> assertThat(average).isBetween(1_500.0, 3_000.0);
                default -> assertThat(average).isBetween(90_000.0, 110_000.0);
            }
            assertThat(gen.expectedState().values()).allSatisfy(i -> assertThat(i.sizeInBytes()).isLessThan(400_000));
        }
    }

    @Test
    void keys_ofEveryScalarType_areUniqueAndMatchTheSchema() {
        for (KeySchema.ScalarType pk : KeySchema.ScalarType.values()) {
            for (KeySchema.ScalarType sk : new KeySchema.ScalarType[] {null, KeySchema.ScalarType.S,
                    KeySchema.ScalarType.N, KeySchema.ScalarType.B}) {
                KeySchema schema = sk == null ? KeySchema.of("p", pk) : KeySchema.of("p", pk, "s", sk);
                ExportGenerator gen = ExportGenerator.builder().bucketRoot(root.resolve(pk + "-" + sk)).keySchema(schema)
                        .build();
                gen.full(300, T0);
                Map<Key, Item> state = gen.expectedState();
                assertThat(state).hasSize(300);
                state.forEach((k, item) -> {
                    assertThat(schema.mismatch(k)).isNull();
                    assertThat(item.keyFor(schema)).isEqualTo(k);
                });
            }
        }
    }
}
