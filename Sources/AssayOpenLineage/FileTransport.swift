import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Appends events to a JSON-lines file, one event per line. Each line goes out in one `write` under an exclusive
/// `flock`, on a descriptor opened with `O_APPEND`, so runs writing the same file at once never interleave partial
/// lines. The file is created (mode 0644) when missing; its folder must exist.
public struct FileTransport: Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    /// - Throws: ``OpenLineageError`` (`file`) naming the path and the reason.
    public func append(_ line: Data) throws(OpenLineageError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX) == 0 else { throw failure(errno) }
        defer { flock(fd, LOCK_UN) }
        var written = 0
        let problem: Int32? = line.withUnsafeBytes { raw -> Int32? in
            guard let base = raw.baseAddress else { return nil }
            while written < raw.count {
                let n = write(fd, base + written, raw.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                written += n
            }
            return nil
        }
        if let problem { throw failure(problem) }
    }

    private func failure(_ code: Int32) -> OpenLineageError {
        OpenLineageError(.file, "cannot write OpenLineage events to \(path): \(String(cString: strerror(code)).lowercased())")
    }
}
