/// Comparison whose time does not depend on where two secrets first differ.
enum ConstantTime {
    /// Whether `given` equals `expected`, looking at every byte of both whatever they hold.
    static func equal(_ given: some StringProtocol, _ expected: some StringProtocol) -> Bool {
        let a = Array(given.utf8), b = Array(expected.utf8)
        var difference = UInt64(a.count ^ b.count)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? a[index] : 0
            let y = index < b.count ? b[index] : 0
            difference |= UInt64(x ^ y)
        }
        return difference == 0
    }
}
