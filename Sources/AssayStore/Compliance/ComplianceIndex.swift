/// The index compliance reads (migration v8): each check's results in history order with their status, so a period's
/// day buckets are read from the index alone (about 45 bytes a result) instead of the results' full rows (about
/// 250 bytes with their messages and metrics). For a year of 15-minute runs of 60 checks it halves the time of a
/// year's report on SQLite, for 160 MB more in a store of 560 MB.
enum ComplianceIndex {
    static let migration = "v8: results by check and status, for compliance"

    /// On SQLite the index of a table without rowid holds its key (check key, start, run, position) as well.
    static let sqlite = "CREATE INDEX results_by_check_status ON results(check_key, started_ms, status)"

    static let postgres = "CREATE INDEX results_by_check_status ON results (check_key, started_ms, run, position) INCLUDE (status)"
}
