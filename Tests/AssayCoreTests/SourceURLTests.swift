import AssayCore
import Testing

@Suite("Source URL redaction")
struct SourceURLTests {
    @Test(arguments: [
        ("postgres://app:s3cret@db:5432/bank", "postgres://app:***@db:5432/bank"),
        ("postgresql://app:p%40ss@db/bank?sslmode=require", "postgresql://app:***@db/bank?sslmode=require"),
        ("postgres://:s3cret@db/bank", "postgres://:***@db/bank"),
        ("postgres://app:p@ss@db/bank", "postgres://app:***@db/bank"),
        ("postgres://app:p/ss@db/bank", "postgres://app:***@db/bank"),
        ("postgres://db/bank?password=s3cret&sslmode=disable", "postgres://db/bank?password=***&sslmode=disable"),
        ("postgres://db/bank?PASSWORD=s3cret", "postgres://db/bank?PASSWORD=***"),
        ("cannot open 'postgres://a:s3cret@h/db' now", "cannot open 'postgres://a:***@h/db' now"),
        ("postgres://a:one@h/db and postgres://b:two@k/db", "postgres://a:***@h/db and postgres://b:***@k/db"),
        ("host=db password=s3cret user=app", "host=db password=*** user=app"),
    ])
    func passwordsBecomeStars(_ text: String, _ expected: String) {
        #expect(SourceURL.redacted(text) == expected)
    }

    @Test(arguments: [
        "postgres://app@db:5432/bank", "postgres://db/bank?application_name=a@b", "sqlite:bank.db?statement_timeout=5s",
        "sqlite:///data/bank.db", "https://hooks.example/services/T0/B0", "no URL here", "",
    ])
    func textWithoutAPasswordIsUnchanged(_ text: String) {
        #expect(SourceURL.redacted(text) == text)
    }

    @Test func relativeSQLitePathsResolveAgainstTheConfigurationsFolder() {
        #expect(SourceURL.resolvingRelativePath("sqlite:bank.db", relativeTo: "/etc/assay") == "sqlite:/etc/assay/bank.db")
        #expect(SourceURL.resolvingRelativePath("sqlite:///abs.db", relativeTo: "/etc/assay") == "sqlite:///abs.db")
        #expect(SourceURL.sqlitePath("sqlite://bank.db") == "bank.db")
        #expect(SourceURL.sqlitePath("postgres://db/bank") == nil)
    }
}
