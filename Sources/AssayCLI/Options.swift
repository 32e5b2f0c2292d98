import ArgumentParser
import Assay
import Foundation

/// Options shared by the commands that read a suite.
struct SuiteOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "The suite: Assay YAML, the seed's JSON rules, or a Great Expectations suite JSON.")
    var config: String

    @Option(name: .shortAndLong, help: "The table a Great Expectations suite validates.")
    var table: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A value for a GX suite's named $PARAMETER (repeatable).", valueName: "NAME=VALUE"))
    var parameters: [String] = []

    @Option(name: .shortAndLong, help: "The data source, overriding the suite's (e.g. sqlite:bank.db).")
    var source: String?

    /// The library request these options describe.
    func request(options: RunOptions = RunOptions(), format: ReportFormat = .text) throws -> CheckRequest {
        var named: [String: String] = [:]
        for parameter in parameters {
            // The value may be a secret, and a --param without '=' may be nothing but a value: neither is echoed.
            guard let equals = parameter.firstIndex(of: "=") else {
                Output.error("--param takes NAME=VALUE; one has no '='")
                throw ExitCode(3)
            }
            guard equals != parameter.startIndex else {
                Output.error("--param takes NAME=VALUE; one has no NAME before '='")
                throw ExitCode(3)
            }
            named[String(parameter[..<equals])] = String(parameter[parameter.index(after: equals)...])
        }
        return CheckRequest(config: .file(config), table: table, parameters: named,
                            source: source.map { SourceURL.resolvingRelativePath($0, relativeTo: "") },
                            options: options, format: format)
    }
}

extension Output {
    /// Runs a library call, printing its error (every configuration problem, one per line) and exiting 3.
    static func attempt<T>(_ body: () async throws(AssayError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            for line in error.description.split(separator: "\n") { Output.error(String(line)) }
            throw ExitCode(3)
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}

enum Output {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("assay: " + message + "\n").utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data(("assay: warning: " + message + "\n").utf8))
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Writes a report to a file or standard output.
    static func write(_ text: String, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            Self.error("cannot write the report to \(path): it is a directory; give a file name")
            throw ExitCode(3)
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            Self.error("cannot write the report to \(path): the folder \(folder) does not exist")
            throw ExitCode(3)
        }
        do {
            let target = (path as NSString).resolvingSymlinksInPath
            if let type = try? FileManager.default.attributesOfItem(atPath: target)[.type] as? FileAttributeType,
               type != .typeRegular {
                // A device or a pipe (`-o /dev/stdout`, `/dev/null`): write into it; an atomic write would replace it.
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: target))
                defer { try? handle.close() }
                try handle.write(contentsOf: Data(text.utf8))
            } else {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            }
        } catch {
            Self.error("cannot write the report to \(path): \(reason(error))")
            throw ExitCode(3)
        }
    }

    /// A file-system failure in plain words (the POSIX reason), never Foundation's error-domain text.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return SystemErrorText.describe(Int32(ns.code)) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? any Error {
            let posix = underlying as NSError
            if posix.domain == NSPOSIXErrorDomain { return SystemErrorText.describe(Int32(posix.code)) }
        }
        guard ns.domain == NSCocoaErrorDomain else { return "\(error)" }
        switch CocoaError.Code(rawValue: ns.code) {
        case .fileWriteNoPermission: return "permission denied"
        case .fileWriteOutOfSpace: return "no space left on the device"
        case .fileWriteVolumeReadOnly: return "the file system is read-only"
        default: return "the file cannot be written"
        }
    }
}
