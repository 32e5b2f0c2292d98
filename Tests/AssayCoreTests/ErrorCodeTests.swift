import AssayCore
import Foundation
import Testing

@Suite("Extensible error codes")
struct ErrorCodeTests {
    static let sourceCodes: [(SourceError.Code, String)] = [
        (.unreachable, "unreachable"), (.authentication, "authentication"), (.missingDatabase, "missingDatabase"),
        (.permissionDenied, "permissionDenied"), (.timeout, "timeout"), (.sql, "sql"), (.connectionLost, "connectionLost"),
        (.invalidURL, "invalidURL"), (.unresponsive, "unresponsive"), (.locked, "locked"), (.notADatabase, "notADatabase"),
    ]

    @Test func sourceCodesKeepTheirNamesAndEncodeAsThem() throws {
        for (code, name) in Self.sourceCodes {
            #expect(code.rawValue == name)
            #expect(code.description == name)
            #expect(SourceError.Code(rawValue: name) == code)
            let json = try JSONEncoder().encode(code)
            #expect(String(decoding: json, as: UTF8.self) == "\"\(name)\"")
            #expect(try JSONDecoder().decode(SourceError.Code.self, from: json) == code)
        }
        #expect(Set(Self.sourceCodes.map(\.0)).count == Self.sourceCodes.count)
        #expect(SourceError.Code(rawValue: "noSuchCode") == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SourceError.Code.self, from: Data(#""noSuchCode""#.utf8)) }
    }

    @Test func aSourceErrorRoundTripsInTheSameJSONAsBefore() throws {
        let error = SourceError(.missingDatabase, "database 'bank' does not exist")
        let json = try JSONEncoder().encode(error)
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: String])
        #expect(object == ["code": "missingDatabase", "message": "database 'bank' does not exist"])
        #expect(try JSONDecoder().decode(SourceError.self, from: json) == error)
    }

    @Test func aSwitchOverCodesTakesADefault() {
        func advice(_ code: SourceError.Code) -> String {
            switch code {
            case .unreachable, .unresponsive: "check the network"
            case .authentication: "check the login"
            default: "read the message"
            }
        }
        #expect(advice(.unreachable) == "check the network")
        #expect(advice(.authentication) == "check the login")
        #expect(advice(.sql) == "read the message")
    }

    @Test func sourceWideFailuresAreTheOnesThatStopEveryStatement() {
        let wide = Self.sourceCodes.map(\.0).filter { SourceError($0, "").isSourceWide }
        #expect(wide == [.unreachable, .authentication, .missingDatabase, .connectionLost, .invalidURL, .unresponsive, .locked, .notADatabase])
        #expect(SourceError(.locked, "").summary == "database locked by another process")
    }

    @Test(arguments: [
        ("amount >", "syntax"), ("a = 1; DROP TABLE t", "forbidden"), ("a IN (SELECT 1)", "forbidden"),
        (String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200), "limit"),
    ])
    func conditionCodesNameTheProblem(_ text: String, _ name: String) throws {
        let error = try #require(throws: ConditionError.self) { try Condition(text) }
        #expect(error.code.rawValue == name)
        #expect(error.code == ConditionError.Code(rawValue: name))
        #expect("\(error.code)" == name)
    }
}
