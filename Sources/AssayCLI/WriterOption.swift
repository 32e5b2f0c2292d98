import ArgumentParser
import Assay
import Foundation

/// Remediation's write connection: `--writer`, else `$ASSAY_WRITER_URL`, else the suite's `remediation: {writer:}`.
enum WriterOption {
    static func url(_ option: String?, suite: Suite?) -> String? {
        (option ?? ProcessInfo.processInfo.environment["ASSAY_WRITER_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? suite?.remediation?.writer)
            .map { SourceURL.resolvingRelativePath($0, relativeTo: "") }
    }

    /// As ``url(_:suite:)``; prints `missing` and exits 3 when there is none.
    static func required(_ option: String?, suite: Suite?,
                         missing: String = "no write connection: give --writer URL, $ASSAY_WRITER_URL, or --config with a suite whose remediation names a writer") throws -> String {
        guard let url = url(option, suite: suite) else {
            Output.error(missing)
            throw ExitCode(3)
        }
        return url
    }
}
