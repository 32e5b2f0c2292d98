import AssayCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a configuration file: a regular file of at most ``maxBytes``, in UTF-8. Every refusal is a plain
/// sentence naming the file ("... is a directory, not a configuration file"), never a system error text.
enum ConfigFile {
    /// The largest configuration file read: 8 MiB.
    static let maxBytes = 8 * 1024 * 1024

    static func contents(ofPath path: String) throws(ConfigError) -> String {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw ConfigError(.unreadableFile, "cannot read \(path): \(SystemErrorText.describe(errno))", at: nil) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ConfigError(.unreadableFile, "cannot read \(path): \(SystemErrorText.describe(errno))", at: nil) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ConfigError(.unreadableFile, "\(path) is a directory, not a configuration file", at: nil)
        case S_IFIFO: throw ConfigError(.unreadableFile, "\(path) is a named pipe (FIFO), not a configuration file", at: nil)
        case S_IFSOCK: throw ConfigError(.unreadableFile, "\(path) is a socket, not a configuration file", at: nil)
        case S_IFCHR, S_IFBLK: throw ConfigError(.unreadableFile, "\(path) is a device, not a configuration file", at: nil)
        default: throw ConfigError(.unreadableFile, "\(path) is not a regular file, so not a configuration file", at: nil)
        }
        if Int(info.st_size) > maxBytes { throw tooLarge(path) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw ConfigError(.unreadableFile, "cannot read \(path): \(SystemErrorText.describe(errno))", at: nil)
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > maxBytes { throw tooLarge(path) }
        }
        return try text(bytes, file: path)
    }

    /// The bytes as UTF-8 text, or an error at the first byte that is not UTF-8.
    static func text(_ bytes: [UInt8], file: String) throws(ConfigError) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw ConfigError(.encoding, "\(file) is UTF-16 text; save it as UTF-8", at: nil)
        }
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var offset = 0, line = 1, column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") { line += 1; column = 1 } else { column += 1 }
            case .error:
                let byte = String(bytes[offset], radix: 16, uppercase: true)
                throw ConfigError(.encoding, "the file is not UTF-8 text (byte 0x\(byte) here); save it as UTF-8",
                                  at: SourceLocation(file: file, line: line, column: column))
            case .emptyInput:
                throw ConfigError(.encoding, "\(file) is not UTF-8 text; save it as UTF-8", at: nil)
            }
        }
    }

    private static func tooLarge(_ path: String) -> ConfigError {
        ConfigError(.tooLarge, "\(path) is larger than \(maxBytes / 1024 / 1024) MiB, the limit for a configuration file", at: nil)
    }
}
