import AssayCore
import NIOSSL
import PostgresNIO

extension PostgresURL {
    /// The configuration of one direct connection (the reachability probe, the demo loader, test fixtures),
    /// with TLS as `sslmode` asks.
    package func connectionConfiguration(startupParameters: [(String, String)] = [("TimeZone", "UTC")]) throws(SourceError)
        -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: tlsConfiguration))
            case .require, .verifyFull: tls = .require(try NIOSSLContext(configuration: tlsConfiguration))
            }
        } catch {
            throw SourceError(.invalidURL, "cannot set up TLS: \(error)")
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                             database: database, tls: tls)
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout.seconds * 1000))
        configuration.options.additionalStartupParameters = startupParameters
        return configuration
    }

    /// TLS for the pool, as `sslmode` asks.
    package var poolTLS: PostgresClient.Configuration.TLS {
        switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(tlsConfiguration)
        case .require, .verifyFull: .require(tlsConfiguration)
        }
    }

    /// `prefer` and `require` encrypt without checking the certificate (as libpq does); `verify-full` checks it.
    private var tlsConfiguration: TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        if sslMode != .verifyFull { tls.certificateVerification = .none }
        return tls
    }
}
