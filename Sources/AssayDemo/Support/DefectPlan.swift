/// The kinds of defect one table can carry. Raw value 0 is reserved for clean rows.
protocol DemoDefect: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == UInt8 {
    /// The key in ``DemoManifest/injected``, e.g. `customers.missing_email`.
    var key: String { get }
}

/// Which rows of a table carry which defect. Every defective row carries exactly one kind, and rows chosen
/// as the originals that duplicates copy are clean and are each copied at most once.
struct DefectPlan<Defect: DemoDefect>: Sendable {
    /// Per row: 0 for a clean row, otherwise the defect's raw value.
    private var kinds: [UInt8]
    /// Clean rows set aside (as originals for duplicates, or for a special clean role), never picked twice.
    private var reserved: Set<Int> = []
    /// Rows injected per defect kind.
    private(set) var counts: [Defect: Int] = [:]

    /// Scatters `counts[kind]` rows of each kind over `rowCount` rows, deterministically from `rng`.
    init(rowCount: Int, counts wanted: [(Defect, Int)], rng: inout SplitMix64) {
        let total = wanted.reduce(0) { $0 + $1.1 }
        precondition(total * 2 <= rowCount, "too many defects for \(rowCount) rows")
        kinds = [UInt8](repeating: 0, count: rowCount)
        for (defect, count) in wanted {
            precondition(defect.rawValue != 0)
            for _ in 0..<count {
                var row = rng.below(rowCount)
                while kinds[row] != 0 { row = rng.below(rowCount) }
                kinds[row] = defect.rawValue
            }
            counts[defect, default: 0] += count
        }
    }

    /// The defect of a row, or `nil` for a clean row.
    @inline(__always)
    func defect(at row: Int) -> Defect? {
        let raw = kinds[row]
        return raw == 0 ? nil : Defect(rawValue: raw)
    }

    /// The rows carrying a defect, in row order.
    func rows(with defect: Defect) -> [Int] {
        kinds.indices.filter { kinds[$0] == defect.rawValue }
    }

    /// Picks `count` distinct clean rows not reserved before, and reserves them.
    mutating func reserveCleanRows(_ count: Int, rng: inout SplitMix64) -> [Int] {
        var picked: [Int] = []
        picked.reserveCapacity(count)
        for _ in 0..<count {
            var row = rng.below(kinds.count)
            while kinds[row] != 0 || reserved.contains(row) { row = rng.below(kinds.count) }
            reserved.insert(row)
            picked.append(row)
        }
        return picked
    }

    /// For each row carrying `defect` (in row order), a distinct clean row it copies from.
    mutating func originals(for defect: Defect, rng: inout SplitMix64) -> [Int: Int] {
        let copies = rows(with: defect)
        let sources = reserveCleanRows(copies.count, rng: &rng)
        return Dictionary(uniqueKeysWithValues: zip(copies, sources))
    }

    /// The injected counts keyed for the manifest (every kind present, zero when none).
    var manifestCounts: [String: Int] {
        Dictionary(uniqueKeysWithValues: Defect.allCases.map { ($0.key, counts[$0] ?? 0) })
    }

    /// The number of rows a rate gives, never fewer than one so every kind occurs at every scale.
    static func count(rows: Int, basisPoints: Int) -> Int {
        max(1, rows * basisPoints / 10_000)
    }
}
