package dev.pitr.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pitr.plan.RestorePlan;
import java.io.IOException;
import java.util.List;

/** What the restore's and the verify's report JSON share. */
public final class ReportJson {
    private ReportJson() {
    }

    /** The chain's gaps as the array {@code "gaps"}: from, to, millis and the export after each. */
    public static void gaps(JsonGenerator g, List<RestorePlan.Seam> gaps) throws IOException {
        g.writeArrayFieldStart("gaps");
        for (RestorePlan.Seam gap : gaps) {
            g.writeStartObject();
            g.writeStringField("from", gap.reached().toString());
            g.writeStringField("to", gap.from().toString());
            g.writeNumberField("millis", gap.length().toMillis());
            g.writeStringField("beforeExport", gap.next().exportId());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
