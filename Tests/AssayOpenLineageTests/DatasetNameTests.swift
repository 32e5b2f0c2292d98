import AssayOpenLineage
import Testing

@Suite("OpenLineage dataset names")
struct DatasetNameTests {
    @Test func postgresIsHostPortAndDatabaseSchemaTable() {
        let name = DatasetName(table: "customers", source: "postgres://app@db.bank.example:6543/finance", schema: "core", workingDirectory: "/")
        #expect(name.namespace == "postgres://db.bank.example:6543")
        #expect(name.name == "finance.core.customers")
    }

    @Test func postgresDefaultsItsPortAndSchema() {
        let name = DatasetName(table: "t", source: "postgresql://app@db/finance", schema: nil, workingDirectory: "/")
        #expect(name.namespace == "postgres://db:5432")
        #expect(name.name == "finance.public.t")
    }

    @Test(arguments: ["postgres://app:***@db:5432/finance", "postgres://app:s3cret@db:5432/finance"])
    func neverAUserOrPassword(source: String) {
        let name = DatasetName(table: "t", source: source, schema: "public", workingDirectory: "/")
        #expect(name.namespace == "postgres://db:5432")
        #expect(!name.namespace.contains("app") && !name.name.contains("s3cret") && !name.namespace.contains("***"))
    }

    @Test func sqliteIsTheAbsoluteFile() {
        #expect(DatasetName(table: "t", source: "sqlite:/data/bank.db", schema: nil, workingDirectory: "/srv").namespace == "sqlite:/data/bank.db")
        let relative = DatasetName(table: "t", source: "sqlite:demo/../bank.db", schema: nil, workingDirectory: "/srv")
        #expect(relative.namespace == "sqlite:/srv/bank.db")
        #expect(relative.name == "t")
    }
}
