import AssayCore
import Foundation

/// One catalogue statement for every table of a run: columns, NOT NULL, PRIMARY KEY / UNIQUE and validated
/// FOREIGN KEY constraints, for tables visible on the search path.
enum PostgresCatalogue {
    static let query = """
        SELECT t.relname,
          (SELECT json_agg(json_build_array(a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull) ORDER BY a.attnum)
             FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped)::text,
          (SELECT json_agg(json_build_array(k.contype,
                    (SELECT json_agg(a.attname ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(num, ord)
                       JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num),
                    r.relname,
                    (SELECT json_agg(a.attname ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY u(num, ord)
                       JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num)))
             FROM pg_constraint k LEFT JOIN pg_class r ON r.oid = k.confrelid
             WHERE k.conrelid = t.oid AND k.convalidated AND k.contype IN ('p', 'u', 'f'))::text,
          (SELECT n.nspname FROM pg_namespace n WHERE n.oid = t.relnamespace)::text
        FROM pg_class t
        WHERE t.relname = ANY($1::text[]) AND t.relkind IN ('r', 'v', 'm', 'p', 'f') AND pg_table_is_visible(t.oid)
        """

    /// A signature of what ``query`` reads for the same tables (relation ids, columns with types and NOT NULL,
    /// validated constraints), as one md5: it changes when any of it changes, or a table appears or goes.
    static let versionQuery = """
        SELECT md5(coalesce(string_agg(t.oid::text || ':' || t.relname || ':' ||
          coalesce((SELECT string_agg(a.attname || ' ' || a.atttypid || ' ' || a.atttypmod || ' ' || a.attnotnull, ',' ORDER BY a.attnum)
             FROM pg_attribute a WHERE a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped), '') || ':' ||
          coalesce((SELECT string_agg(k.oid::text || k.contype::text || k.convalidated::text, ',' ORDER BY k.oid)
             FROM pg_constraint k WHERE k.conrelid = t.oid), ''), ';' ORDER BY t.relname, t.oid), ''))
        FROM pg_class t
        WHERE t.relname = ANY($1::text[]) AND t.relkind IN ('r', 'v', 'm', 'p', 'f') AND pg_table_is_visible(t.oid)
        """

    /// Builds schemas from the statement's rows (table name, columns JSON, constraints JSON, the table's schema).
    static func schemas(from rows: [[SQLValue]]) throws(SourceError) -> [String: TableSchema] {
        var result: [String: TableSchema] = [:]
        for row in rows {
            guard row.count == 4, case .text(let table) = row[0], case .text(let columnsJSON) = row[1] else { continue }
            let constraints: [[Any]]
            if case .text(let text) = row[2] { constraints = try json(text) } else { constraints = [] }
            var primaryKey: [String] = [], unique: [[String]] = [], foreign: [ForeignKey] = []
            for constraint in constraints {
                guard let type = constraint.first as? String, let columns = constraint[1] as? [String] else { continue }
                switch type {
                case "p": primaryKey = columns; unique.insert(columns, at: 0)
                case "u": unique.append(columns)
                default:
                    if let parent = constraint[2] as? String, let keys = constraint[3] as? [String] {
                        foreign.append(ForeignKey(columns: columns, table: parent, keyColumns: keys))
                    }
                }
            }
            let columns = try json(columnsJSON).compactMap { column -> ColumnInfo? in
                guard let name = column[0] as? String, let type = column[1] as? String, let notNull = column[2] as? Bool else { return nil }
                return ColumnInfo(name: name, declaredType: type, isNullable: !notNull, isPrimaryKey: primaryKey.contains(name))
            }
            result[table] = TableSchema(table: table, columns: columns, uniqueKeys: unique, foreignKeys: foreign)
            if case .text(let schema) = row[3] { result[table]?.databaseSchema = schema }
        }
        return result
    }

    private static func json(_ text: String) throws(SourceError) -> [[Any]] {
        guard let data = text.data(using: .utf8),
              let array = (try? JSONSerialization.jsonObject(with: data)) as? [[Any]] else {
            throw SourceError(.sql, "unexpected catalogue answer: \(text.prefix(200))")
        }
        return array
    }
}
