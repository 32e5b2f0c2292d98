extension ValueRange {
    /// Whether no value can lie in the range: the lower bound above the upper one, or both equal with one
    /// of them strict (`(5, 5]`).
    public var isEmpty: Bool {
        guard let min, let max, let order = LiteralOrder.compare(min.sqlValue, max) else { return false }
        return order > 0 || (order == 0 && (strictMin || strictMax))
    }
}
