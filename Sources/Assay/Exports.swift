// The `Assay` library: the whole pipeline for embedding in a Swift service.
@_exported import AssayConfig
@_exported import AssayCore
@_exported import AssayDemo
@_exported import AssayPostgres
@_exported import AssayReport
@_exported import AssaySQLite
