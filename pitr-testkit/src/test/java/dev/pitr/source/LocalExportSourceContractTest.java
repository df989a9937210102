package dev.pitr.source;

import dev.pitr.testing.GeneratedExport;
import dev.pitr.testing.contract.ExportSourceContract;

/** {@link LocalExportSource} passes the contract every export source passes. */
class LocalExportSourceContractTest extends ExportSourceContract {
    @Override
    protected ExportSource sourceOf(GeneratedExport export) {
        return LocalExportSource.of(export.exportDir());
    }
}
