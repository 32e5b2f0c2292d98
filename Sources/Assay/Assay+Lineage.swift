import AssayCore
import AssayMonitorCore
import AssayStore
import Foundation

/// Where a lineage graph is read from: the suite's `lineage:` section (and its tables' owners), the source's
/// lineage tables (`data_lineage` by default), OpenLineage event files, and the events a server received (the store).
public struct LineageRequest: Sendable {
    public var suite: Suite?
    /// The folder a suite's relative `lineage.events` paths are relative to.
    public var suiteFolder: String
    public var source: (any DataSource)?
    /// More OpenLineage JSON-lines files (the command line's `--events`).
    public var events: [String]
    public var store: (any LineageStore)?

    public init(suite: Suite? = nil, suiteFolder: String = "", source: (any DataSource)? = nil, events: [String] = [],
                store: (any LineageStore)? = nil) {
        self.suite = suite
        self.suiteFolder = suiteFolder
        self.source = source
        self.events = events
        self.store = store
    }
}

/// A graph and what it was read from.
public struct LineageLoad: Sendable {
    public var graph: LineageGraph
    /// One line per place read: `data_lineage: 25 edges (1 dangling)`.
    public var read: [String]

    public init(graph: LineageGraph, read: [String]) {
        self.graph = graph
        self.read = read
    }
}

extension Assay {
    /// The most rows a lineage table is read to.
    public static let lineageRowLimit = 100_000

    /// Reads the lineage graph from every place `request` names.
    ///
    /// ```swift
    /// let suite = try Assay.load(CheckRequest(config: .file("suite.yml")))
    /// let load = try await Assay.lineage(LineageRequest(suite: suite, source: try Assay.openSource(for: suite, override: nil)))
    /// let impact = try load.graph.impact(of: LineageTarget(parsing: "transactions"))
    /// ```
    /// - Throws: ``LineageError``: a lineage table the suite names that is missing or lacks `source_table` and
    ///   `target_table` (`invalidTable`), an event file that cannot be read (`unreadableFile`) or holds a bad event
    ///   (`invalidEvent`, naming `file:line`), a store that cannot be read (`storeUnavailable`).
    public static func lineage(_ request: LineageRequest) async throws(LineageError) -> LineageLoad {
        var edges: [LineageEdge] = []
        var read: [String] = []
        func note(_ place: String, _ found: [LineageEdge]) {
            let dangling = found.filter(\.isDangling).count
            read.append("\(place): \(found.count) edge\(found.count == 1 ? "" : "s")" + (dangling > 0 ? " (\(dangling) dangling)" : ""))
            edges += found
        }
        let spec = request.suite?.lineage
        if let spec, !spec.edges.isEmpty {
            note("suite", spec.edges.map { e in
                LineageEdge(from: e.from, to: e.to, columns: e.columns, transformation: e.transformation, owner: e.owner,
                            origin: LineageOrigin(.suite, e.location.map(\.description) ?? "lineage.edges"))
            })
        }
        if let source = request.source {
            let named = spec?.tables
            for table in named ?? [LineageSpec.defaultTable] {
                if let found = try await lineageTable(table, in: source, required: named != nil) { note(table, found) }
            }
        }
        let folder = request.suiteFolder
        let files = (spec?.events ?? []).map { $0.hasPrefix("/") || folder.isEmpty ? $0 : (folder as NSString).appendingPathComponent($0) } + request.events
        for file in files {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw LineageError(.unreadableFile, "cannot read OpenLineage events from \(file): \((error as NSError).localizedDescription)")
            }
            note(file, try OpenLineageEvents.edges(jsonLines: text, file: file))
        }
        if let store = request.store {
            do throws(StoreError) {
                let stored = try await store.lineageEdges()
                if !stored.isEmpty { note("store (received events)", stored) }
            } catch {
                throw LineageError(.storeUnavailable, "cannot read lineage from the store: \(error.message)")
            }
        }
        let suite = request.suite
        let owners = Dictionary((suite?.tables ?? []).compactMap { t in t.owner.map { (t.name, $0) } }, uniquingKeysWith: { a, _ in a })
        return LineageLoad(graph: LineageGraph(edges: edges, datasets: spec?.datasets ?? [], owners: owners), read: read)
    }

    /// The edges of a lineage table of the source: its `source_table` and `target_table` columns (either may be
    /// NULL: a dangling edge), and `transformation`, `owner`, `source_column` and `target_column` when it has them;
    /// the row's `lineage_id` (or `id`) names it in the edge's origin. Read through the read-only source.
    /// - Returns: `nil` when the table does not exist and was not `required`.
    public static func lineageTable(_ table: String, in source: any DataSource, required: Bool) async throws(LineageError) -> [LineageEdge]? {
        let schema: TableSchema?
        do {
            schema = try await source.schema(of: table)
        } catch {
            throw LineageError(.invalidTable, "cannot read the lineage table \(table): \(error.message)")
        }
        guard let schema else {
            guard required else { return nil }
            throw LineageError(.invalidTable, "the source \(source.displayName) has no lineage table '\(table)' (lineage.tables names it)")
        }
        func column(_ names: String...) -> String? {
            schema.columns.first { c in names.contains(c.name.lowercased()) }?.name
        }
        guard let from = column("source_table"), let to = column("target_table") else {
            throw LineageError(.invalidTable, "the lineage table \(table) needs columns source_table and target_table; it has "
                               + schema.columns.map(\.name).joined(separator: ", "))
        }
        let optional = [column("transformation"), column("owner"), column("source_column"), column("target_column"), column("lineage_id", "id")]
        let selected = [from, to] + optional.map { $0 ?? "" }
        let dialect = source.dialect
        let list = selected.map { $0.isEmpty ? "NULL" : dialect.quote($0) }.joined(separator: ", ")
        let rows: [[SQLValue]]
        do {
            rows = try await source.fetchAll(SQLFragment("SELECT \(list) FROM \(dialect.quote(schema.table))"), limit: lineageRowLimit)
        } catch {
            throw LineageError(.invalidTable, "cannot read the lineage table \(table): \(error.message)")
        }
        return rows.enumerated().map { index, row in
            func text(_ i: Int) -> String? {
                guard i < row.count else { return nil }
                switch row[i] {
                case .null: return nil
                case .text(let s), .date(let s), .timestamp(let s): return s
                case .integer(let n): return String(n)
                case .double(let d): return String(d)
                case .boolean(let b): return String(b)
                }
            }
            var columns: [ColumnMapping] = []
            if let a = text(4), let b = text(5) { columns = [ColumnMapping(from: a, to: b)] }
            return LineageEdge(from: text(0), to: text(1), columns: columns, transformation: text(2), owner: text(3),
                               origin: LineageOrigin(.table, "\(table)#\(text(6) ?? String(index + 1))"))
        }
    }
}

extension Assay {
    /// Loads the suite at `config` (when given), opens its source (or `source`), and the store (`store`, else the
    /// suite's `store:`, else the `assay.db` beside the suite when it exists: a store is never created for
    /// reading), and reads the lineage graph from all of them and from `events` (what `assay lineage` does).
    /// - Throws: ``LineageError``: `invalidConfig` for a suite or source URL that cannot be used, `storeUnavailable`,
    ///   or what ``lineage(_:)`` throws.
    public static func lineage(config: String?, source: String?, events: [String], store: String?) async throws(LineageError) -> LineageLoad {
        let suite: Suite?
        let dataSource: (any DataSource)?
        do throws(AssayError) {
            suite = try config.map { path throws(AssayError) in try load(CheckRequest(config: .file(path))) }
            let url = source ?? suite?.source
            dataSource = try url.map { _ throws(AssayError) in
                try openSource(for: suite ?? Suite(name: "lineage", tables: []), override: source.map { SourceURL.resolvingRelativePath($0, relativeTo: "") })
            }
        } catch {
            throw LineageError(.invalidConfig, error.description)
        }
        let folder = config.map { ($0 as NSString).deletingLastPathComponent } ?? ""
        var location = store.map { SourceURL.resolvingRelativePath($0, relativeTo: "") } ?? suite?.store
        if location == nil, config != nil {
            let beside = (folder as NSString).appendingPathComponent("assay.db")
            if FileManager.default.fileExists(atPath: beside) { location = "sqlite:" + beside }
        }
        if let path = location.flatMap(SourceURL.sqlitePath), !FileManager.default.fileExists(atPath: path) {
            throw LineageError(.storeUnavailable, "no store at \(path): give --store sqlite:PATH of an existing store, or postgres://...")
        }
        let request = LineageRequest(suite: suite, suiteFolder: folder, source: dataSource, events: events)
        let read: @Sendable (LineageRequest) async -> Result<LineageLoad, LineageError> = { request in
            do throws(LineageError) { return .success(try await lineage(request)) } catch { return .failure(error) }
        }
        let result: Result<LineageLoad, LineageError>
        if let location {
            do throws(StoreError) {
                result = try await StoreFactory.withStore(location) { opened throws(StoreError) in
                    var withStore = request
                    withStore.store = opened as? any LineageStore
                    let scoped = withStore
                    guard let dataSource else { return await read(scoped) }
                    return await dataSource.open { await read(scoped) }
                }
            } catch {
                throw LineageError(.storeUnavailable, "cannot open the store: \(error.message)")
            }
        } else {
            if let dataSource { result = await dataSource.open { await read(request) } } else { result = await read(request) }
        }
        return try result.get()
    }
}
