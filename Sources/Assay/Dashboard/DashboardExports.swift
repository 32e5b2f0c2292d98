// The dashboard's page models and renderer come with the `Assay` library.
@_exported import AssayDashboard
