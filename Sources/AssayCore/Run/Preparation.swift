/// The prepare stage: reads the catalogue of every table a suite names (one statement where the source can) and
/// plans every table.
struct Preparation: Sendable {
    let source: any DataSource
    let planner: Planner
    let ledger: FailureLedger

    /// The catalogue of `names`. A source-wide failure stops asking; one table's failure leaves the others.
    func catalogue(_ names: [String]) async -> Catalogue {
        var catalogue = Catalogue()
        do {
            catalogue.schemas = try await source.schemas(of: names)
            return catalogue
        } catch let raw {
            let error = raw.redacted
            if let failure = ledger.record(error) {
                // The source cannot answer at all: no use asking table by table.
                for name in names { catalogue.failures[name] = Self.unavailable(failure) }
                return catalogue
            }
        }
        // One table's catalogue failed: ask table by table so the others still run.
        for name in names {
            if let failure = ledger.sourceFailure {
                catalogue.failures[name] = Self.unavailable(failure)
                continue
            }
            do {
                if let schema = try await source.schema(of: name) { catalogue.schemas[name] = schema }
            } catch let raw {
                let error = raw.redacted
                let sourceWide = ledger.record(error) != nil
                catalogue.failures[name] = sourceWide ? Self.unavailable(error)
                    : TablePlan.TableError(code: RunFailure.Code(error.code), message: "could not read the columns of '\(name)': \(error.message)")
            }
        }
        return catalogue
    }

    /// The plan of every table of `suite` from `catalogue`.
    func plans(_ suite: Suite, catalogue: Catalogue) -> [TablePlan] {
        suite.tables.map { plan($0, catalogue: catalogue) }
    }

    func plan(_ table: TableSpec, catalogue: Catalogue) -> TablePlan {
        if let failure = catalogue.failures[table.name] { return .unusable(table, failure) }
        return planner.plan(table, schemas: catalogue.schemas)
    }

    private static func unavailable(_ failure: SourceError) -> TablePlan.TableError {
        TablePlan.TableError(code: RunFailure.Code(failure.code), message: "source unavailable: \(failure.message)", sourceWide: true)
    }
}
