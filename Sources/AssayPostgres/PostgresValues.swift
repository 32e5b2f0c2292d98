import AssayCore
import Foundation
import PostgresNIO

extension SQLValue {
    /// Decodes one result cell into a value Assay understands; unknown types keep their text form.
    init(_ cell: PostgresCell) {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        switch cell.dataType {
        case .int2, .int4, .int8:
            self = (try? cell.decode(Int64.self)).map(SQLValue.integer) ?? .null
        case .float4, .float8:
            self = (try? cell.decode(Double.self)).map(SQLValue.double) ?? .null
        case .numeric:
            if let decimal = try? cell.decode(Decimal.self) {
                // Through the exact decimal text: NSDecimalNumber.doubleValue can be one unit in the last place off.
                let number = Double(decimal.description) ?? NSDecimalNumber(decimal: decimal).doubleValue
                self = decimal == decimal.rounded() && abs(number) < 9e15 ? .integer(Int64(number)) : .double(number)
            } else {
                self = .null
            }
        case .bool:
            self = (try? cell.decode(Bool.self)).map(SQLValue.boolean) ?? .null
        case .date:
            self = (try? cell.decode(Date.self)).map { .date(CivilDateTime(epochSeconds: $0.timeIntervalSince1970).date.description) } ?? .null
        case .timestamp, .timestamptz:
            self = (try? cell.decode(Date.self)).map { .timestamp(CivilDateTime(epochSeconds: $0.timeIntervalSince1970).description) } ?? .null
        case .uuid:
            self = (try? cell.decode(UUID.self)).map { .text($0.uuidString.lowercased()) } ?? .null
        default:
            self = (try? cell.decode(String.self)).map(SQLValue.text) ?? .text("<\(cell.dataType)>")
        }
    }
}

extension Decimal {
    fileprivate func rounded() -> Decimal {
        var copy = self, result = Decimal()
        NSDecimalRound(&result, &copy, 0, .plain)
        return result
    }
}

extension PostgresBindings {
    /// Binds Assay's values; the dialect casts each placeholder to its type, so text is sent as text.
    init(_ values: [SQLValue]) {
        self.init(capacity: values.count)
        for value in values {
            switch value {
            case .null: appendNull()
            case .boolean(let b): append(b)
            case .integer(let n): append(n)
            case .double(let d): append(d)
            case .text(let s), .date(let s), .timestamp(let s): append(s)
            }
        }
    }
}
