import AssayTestSupport
import Foundation
import Synchronization

/// scripts/smtp-server.py (aiosmtpd) on 127.0.0.1 for one test, its output and received messages in the test's
/// temporary folder. Stopped by ``stop()`` (call it in a `defer`) and, failing that, when it is released.
final class SMTPTestServer: Sendable {
    /// One message the server took.
    struct Received: Decodable, Sendable {
        var mailFrom: String
        var rcptTos: [String]
        var data: String
        var login: String?
        /// What Python's email parser read (an independent check of the MIME structure and encodings).
        var parsed: Parsed

        struct Parsed: Decodable, Sendable {
            struct Part: Decodable, Sendable { var type: String, text: String }
            var subject: String
            var messageID: String
            var type: String
            var parts: [Part]
            var defects: [String]
            enum CodingKeys: String, CodingKey { case subject, messageID = "message_id", type, parts, defects }
        }

        enum CodingKeys: String, CodingKey { case mailFrom = "mail_from", rcptTos = "rcpt_tos", data, login, parsed }

        /// The header block unfolded, by lower-cased name.
        var headers: [String: String] {
            let block = (data.components(separatedBy: "\r\n\r\n").first ?? "").replacingOccurrences(of: "\r\n ", with: " ")
            var out: [String: String] = [:]
            for line in block.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                out[line[..<colon].lowercased()] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
            }
            return out
        }
    }

    let process: ServerProcess
    let port: Int
    let out: String

    private init(process: ServerProcess, port: Int, out: String) {
        self.process = process
        self.port = port
        self.out = out
    }

    /// The package's root folder.
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts the server with `arguments` (see scripts/smtp-server.py) once it listens.
    /// - Parameter password: what `--user` must log in with (passed in the environment, not the command line).
    static func start(in dir: TemporaryDirectory, _ arguments: [String], port: Int? = nil, password: String? = nil,
                      timeout: Double = 30) async throws -> SMTPTestServer {
        try setUp()
        let port = try port ?? freeLocalPort()
        let out = dir.file("smtp-\(port)")
        let process = try ServerProcess(URL(fileURLWithPath: "/bin/bash"),
                                        [root.appendingPathComponent("scripts/smtp.sh").path, "serve", "--port", "\(port)", "--out", out] + arguments,
                                        name: "smtp-\(port)", folder: dir.path, environment: password.map { ["SMTP_SERVER_PASSWORD": $0] } ?? [:])
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if process.stdout.contains("listening on") { return SMTPTestServer(process: process, port: port, out: out) }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        await process.stop()
        throw SMTPTestError("the SMTP test server did not start (status \(process.status)): \(process.stderr.suffix(2000))")
    }

    /// `scripts/smtp.sh setup`, once per process.
    static func setUp() throws {
        try ready.withLock { done in
            guard !done else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = [root.appendingPathComponent("scripts/smtp.sh").path, "setup"]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw SMTPTestError("scripts/smtp.sh setup exited \(process.terminationStatus) (aiosmtpd could not be installed)")
            }
            done = true
        }
    }

    private static let ready = Mutex(false)

    /// What arrived so far, in order.
    func messages() throws -> [Received] {
        let path = (out as NSString).appendingPathComponent("messages.jsonl")
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Received.self, from: Data($0.utf8)) }
    }

    func stop() { process.stop() }

    deinit { process.stop(timeout: 2) }
}

/// A self-signed certificate for `localhost` and 127.0.0.1 made with openssl in the test's temporary folder; the
/// certificate is also the CA file clients trust.
struct TestCertificate {
    let certificate: String
    let key: String

    init(in dir: TemporaryDirectory) throws {
        certificate = dir.file("smtp-cert.pem")
        key = dir.file("smtp-key.pem")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", certificate, "-days", "2",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: certificate) else {
            throw SMTPTestError("openssl could not make a test certificate (status \(process.terminationStatus))")
        }
    }
}

/// A TCP port that takes connections (the kernel's backlog) and never says a word: a hung SMTP server.
final class SilentListener: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SMTPTestError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 8) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else {
            Glibc.close(fd)
            throw SMTPTestError("bind() or listen() failed")
        }
        self.fd = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { Glibc.close(fd) }
}

struct SMTPTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
