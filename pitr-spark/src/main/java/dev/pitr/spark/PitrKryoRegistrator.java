package dev.pitr.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.pitr.spark.internal.FileTask;
import dev.pitr.spark.internal.KeyRecord;
import dev.pitr.spark.internal.PartitionExport;
import dev.pitr.spark.internal.StateKey;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers what pitr's jobs shuffle with Spark's Kryo serializer, each with a serializer that
 * writes its fields as they are: {@code spark.serializer=org.apache.spark.serializer.KryoSerializer}
 * and {@code spark.kryo.registrator=dev.pitr.spark.PitrKryoRegistrator} (which
 * {@link PitrSparkMain} sets). Optional: the jobs also run under Java serialization, and under
 * Kryo without it.
 */
public final class PitrKryoRegistrator implements KryoRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(StateKey.class, new Serializer<StateKey>() {
            @Override
            public void write(Kryo k, Output out, StateKey key) {
                out.writeInt(key.bytes().length, true);
                out.writeBytes(key.bytes());
            }

            @Override
            public StateKey read(Kryo k, Input in, Class<StateKey> type) {
                return new StateKey(in.readBytes(in.readInt(true)));
            }
        });
        kryo.register(KeyRecord.class, new Serializer<KeyRecord>() {
            @Override
            public void write(Kryo k, Output out, KeyRecord r) {
                out.writeInt(r.step(), true);
                out.writeBoolean(r.put());
                out.writeInt(r.file(), true);
                out.writeLong(r.line(), true);
                out.writeInt(r.json().length, true);
                out.writeBytes(r.json());
            }

            @Override
            public KeyRecord read(Kryo k, Input in, Class<KeyRecord> type) {
                int step = in.readInt(true);
                boolean put = in.readBoolean();
                int file = in.readInt(true);
                long line = in.readLong(true);
                return new KeyRecord(step, put, in.readBytes(in.readInt(true)), file, line);
            }
        });
        kryo.register(FileTask.class);
        kryo.register(PartitionExport.File.class);
    }
}
