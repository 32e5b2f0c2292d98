import AssayCore
import Foundation
import Glibc

/// What is at a SQLite source's path, checked before SQLite opens it so that a folder, an empty or foreign file
/// or a missing one is reported in plain words naming the path, not as SQLite's or Foundation's texts.
struct SQLiteFile {
    var path: String
    /// Whether the header says the database is in WAL mode (it then needs `-wal` and `-shm` files next to it).
    var isWAL: Bool

    /// Reads the file's first 100 bytes (the SQLite header).
    /// - Throws: ``SourceError`` naming the path when it is not a readable SQLite database.
    init(path: String) throws(SourceError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else {
            let reason = errno
            if reason == ENOENT || reason == ENOTDIR { throw SourceError(.unreachable, "SQLite database not found: \(path)") }
            throw SourceError(.unreachable, "cannot read the SQLite database \(path): \(SystemErrorText.describe(reason))")
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw SourceError(.notADatabase, "\(path) is a folder, not a SQLite database file")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw SourceError(.notADatabase, "\(path) is not a regular file, so not a SQLite database")
        }
        if info.st_size == 0 {
            throw SourceError(.notADatabase, "\(path) is empty (0 bytes), not a SQLite database")
        }
        let descriptor = Glibc.open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw SourceError(.unreachable, "cannot read the SQLite database \(path): \(SystemErrorText.describe(errno))")
        }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: 100)
        let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, 100) }
        guard count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw SourceError(.notADatabase, "\(path) is not a SQLite database (its first bytes are not a SQLite header)")
        }
        isWAL = header[18] == 2 && header[19] == 2
    }

    /// Whether the `-wal` file next to the database holds frames (changes not yet copied into the database).
    var walHoldsChanges: Bool {
        var info = stat()
        return stat(path + "-wal", &info) == 0 && info.st_size > 32
    }

    /// The database as a read-only `file:` URI with `immutable=1`: no `-shm` file and no locks are needed. Correct only
    /// when the `-wal` file holds no changes and no writer is active (the folder is read-only, so none can start).
    var immutableURI: String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let encoded = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
        return "file:" + encoded + "?mode=ro&immutable=1"
    }
}
