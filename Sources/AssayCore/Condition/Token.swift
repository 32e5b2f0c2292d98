/// One lexical unit of a condition.
struct Token: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case identifier(String)
        /// A double-quoted identifier; never a keyword.
        case quotedIdentifier(String)
        case string(String)
        case integer(Int64)
        case decimal(Double)
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int

    /// The upper-cased word when this is an unquoted identifier, for keyword matching.
    var keyword: String? {
        if case .identifier(let word) = kind { return word.uppercased() }
        return nil
    }

    var symbol: String? {
        if case .symbol(let s) = kind { return s }
        return nil
    }
}
