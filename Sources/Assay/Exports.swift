// The `Assay` library: the whole pipeline for embedding in a Swift service, behind one entry point (``Assay``).
@_exported import AssayConfig
@_exported import AssayCore
@_exported import AssayPostgres
@_exported import AssayReport
@_exported import AssaySQLite
@_exported import AssayStore
