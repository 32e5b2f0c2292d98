// The compliance report's model and computation come with the `Assay` library.
@_exported import AssayMonitorCore
