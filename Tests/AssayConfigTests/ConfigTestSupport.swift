import AssayConfig

extension SuiteLoader {
    /// The error parsing `text` raises, or `nil` when it parses.
    func error(parsing text: String, file: String) -> ConfigError? {
        do {
            _ = try parse(text, file: file)
            return nil
        } catch {
            return error
        }
    }
}
