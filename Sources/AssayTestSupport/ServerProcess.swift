import Foundation

/// A long-running program started for a test (`assay serve`, Prometheus), stopped with SIGTERM by ``stop()``;
/// its output goes to files in a folder the test owns, so a chatty server never blocks on a full pipe.
public final class ServerProcess: @unchecked Sendable {
    // @unchecked: `process` is set once in init; Foundation's Process is thread-safe for terminate/wait.
    private let process: Process
    public let stdoutPath: String
    public let stderrPath: String

    /// Starts `executable` with `arguments` in `folder`, writing its output to `NAME.out` and `NAME.err` in `logs`
    /// (default: `folder`).
    public init(_ executable: URL, _ arguments: [String], name: String, folder: String, logs: String? = nil,
                environment: [String: String] = [:]) throws {
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        stdoutPath = ((logs ?? folder) as NSString).appendingPathComponent(name + ".out")
        stderrPath = ((logs ?? folder) as NSString).appendingPathComponent(name + ".err")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdoutPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: stderrPath))
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// `assay serve ARGUMENTS --listen 127.0.0.1:0`, once it says where it listens.
    /// - Throws: when it exits or does not listen within `timeout` seconds (with what it wrote).
    public static func serve(_ arguments: [String], folder: String, environment: [String: String] = [:],
                             timeout: Double = 60) async throws -> (server: ServerProcess, base: URL) {
        let server = try ServerProcess(AssayProcess.executable, ["serve", "--listen", "127.0.0.1:0"] + arguments,
                                       name: "assay-serve", folder: folder, environment: environment)
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let line = server.stdout.split(separator: "\n").first(where: { $0.contains("http://127.0.0.1:") }),
               let range = line.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                return (server, URL(string: String(line[range]))!)
            }
            guard server.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        _ = await server.stop()
        throw ServerProcessError(message: "assay serve did not start (status \(server.status)): \(server.stderr)")
    }

    public var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
    public var isRunning: Bool { process.isRunning }
    public var status: Int32 { process.isRunning ? -1 : process.terminationStatus }

    /// Sends SIGTERM and waits up to `timeout` seconds, then SIGKILL; returns whether it stopped on SIGTERM. Waits by
    /// sleeping the task, not the thread: a test blocking one of the few threads Swift concurrency has would starve
    /// the other tests running beside it (their timers fire late).
    @discardableResult
    public func stop(timeout: Double = 10) async -> Bool {
        guard process.isRunning else { return true }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return false
    }

    /// SIGKILL, as a crash would end it, and wait for it to go; false when it had already ended.
    @discardableResult
    public func kill9() -> Bool {
        guard process.isRunning else { return false }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return true
    }

    /// ``stop(timeout:)`` for code that cannot wait asynchronously (a `deinit`): it blocks its thread meanwhile.
    @discardableResult
    public func stop(timeout: Double = 10) -> Bool {
        guard process.isRunning else { return true }
        process.terminate()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        guard process.isRunning else { return true }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return false
    }

    deinit { stop(timeout: 2) }
}

public struct ServerProcessError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A TCP port no one listens on at this moment (bound and released), for a server that needs a fixed one.
public func freeLocalPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw ServerProcessError(message: "socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw ServerProcessError(message: "bind() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}
