import AssayCore
import GRDB

/// Defects injected into `customers` (rates in basis points of the table's rows; see ``DemoGenerator``).
enum CustomerDefect: UInt8, DemoDefect {
    case missingEmail = 1, duplicateEmail, malformedEmail, badSSNFormat, duplicateSSN, badPhone, underage
    case birthBefore1900, birthInFuture, createdInFuture, missingSSN, missingBirthDate

    var key: String {
        "customers." + {
            switch self {
            case .missingEmail: "missing_email"
            case .duplicateEmail: "duplicate_email"
            case .malformedEmail: "malformed_email"
            case .badSSNFormat: "bad_ssn_format"
            case .duplicateSSN: "duplicate_ssn"
            case .badPhone: "bad_phone"
            case .underage: "underage"
            case .birthBefore1900: "birth_before_1900"
            case .birthInFuture: "birth_in_future"
            case .createdInFuture: "created_in_future"
            case .missingSSN: "missing_ssn"
            case .missingBirthDate: "missing_birth_date"
            }
        }()
    }

    var basisPoints: Int {
        switch self {
        case .missingEmail: 100
        case .duplicateEmail: 50
        case .malformedEmail: 50
        case .badSSNFormat: 30
        case .duplicateSSN: 20
        case .badPhone: 40
        case .underage: 30
        case .birthBefore1900: 5
        case .birthInFuture: 5
        case .createdInFuture: 10
        case .missingSSN: 20
        case .missingBirthDate: 10
        }
    }
}

/// `customers`: one row per customer, ids 1...N.
struct CustomersTable {
    static let stream: UInt64 = 0xC057_0E25

    let context: DemoContext

    /// A clean customer, as every row starts out.
    struct Values {
        var firstName: String
        var lastName: String
        var email: String?
        var phone: String
        var address: String
        var birthDay: Int?
        var ssn: String?
        var created: Int
    }

    /// The clean values of a row, and the row's generator positioned after them (for its defect, if any).
    func clean(row: Int) -> (Values, SplitMix64) {
        var rng = context.rowRNG(Self.stream, row)
        let id = row + 1
        let first = rng.below(DemoVocabulary.firstNames.count)
        let last = rng.below(DemoVocabulary.lastNames.count)
        let domain = rng.pick(DemoVocabulary.emailDomains)
        let email = DemoVocabulary.lowerFirstNames[first] + "." + DemoVocabulary.lowerLastNames[last] + "."
            + String(id) + "@" + domain
        let place = rng.pick(DemoVocabulary.places)
        let phone = DemoText.phone(area: rng.chance(0.8) ? place.area : 200 + rng.below(800),
                                   exchange: rng.int(in: 200...999), line: rng.below(10_000),
                                   international: rng.chance(0.3))
        var address = String(rng.int(in: 1...9_899)) + " " + rng.pick(DemoVocabulary.streets) + " "
            + rng.pick(DemoVocabulary.streetSuffixes)
        if rng.chance(0.15) { address += " Apt " + String(rng.int(in: 1...40)) }
        address += ", " + place.city + ", " + place.state + " "
            + DemoText.zeroPadded(place.zip * 100 + rng.below(100), width: 5)
        // Adults 18..89, at least a week past their 18th birthday.
        let ageMonths = 12 * rng.int(in: 18...89) + rng.int(in: 0...10)
        let birthDay = context.todayDate.adding(months: -ageMonths).daysSinceEpoch - rng.int(in: 7...25)
        let created = context.pastTimestamp(daysBack: 1...1_095, rng: &rng)
        let values = Values(firstName: DemoVocabulary.firstNames[first], lastName: DemoVocabulary.lastNames[last],
                            email: email, phone: phone, address: address, birthDay: birthDay,
                            ssn: Self.ssn(row: row, seed: context.seed), created: created)
        return (values, rng)
    }

    /// A valid-format SSN unique to the row: an affine bijection of the row number onto area codes 100...899.
    static func ssn(row: Int, seed: UInt64) -> String {
        DemoText.digitGroups(ssnNumber(row: row, seed: seed), first: "-", second: "-")
    }

    static func ssnNumber(row: Int, seed: UInt64) -> Int {
        let modulus = 800_000_000
        let offset = Int(seed % UInt64(modulus))
        return 100_000_000 + (row % modulus * 387_420_489 % modulus + offset) % modulus
    }

    /// Writes the table and returns the injected defect counts; appends the true value of each fixable defect.
    func fill(_ db: Database, truth: inout [DemoFixTruth]) throws -> [String: Int] {
        let rows = context.customerCount
        var planRNG = context.planRNG(Self.stream)
        var plan = DefectPlan<CustomerDefect>(
            rowCount: rows,
            counts: CustomerDefect.allCases.map { ($0, DefectPlan<CustomerDefect>.count(rows: rows, basisPoints: $0.basisPoints)) },
            rng: &planRNG)
        let emailOriginals = plan.originals(for: .duplicateEmail, rng: &planRNG)
        let ssnOriginals = plan.originals(for: .duplicateSSN, rng: &planRNG)

        let inserter = try RowInserter(db, .customers)
        let today = context.todayDate
        for row in 0..<rows {
            var (v, rng) = clean(row: row)
            switch plan.defect(at: row) {
            case nil: break
            case .missingEmail:
                v.email = nil
            case .duplicateEmail:
                v.email = clean(row: emailOriginals[row]!).0.email
            case .malformedEmail:
                // The customer's own address with the '@' lost: unique (it carries the id), no '@' left.
                let parts = v.email!.split(separator: "@")
                v.email = parts[0] + (rng.chance(0.5) ? "." : " at ") + parts[1]
            case .badSSNFormat:
                // All nine digits kept (so unique), separators wrong.
                let n = Self.ssnNumber(row: row, seed: context.seed)
                switch row % 4 {
                case 0: v.ssn = DemoText.zeroPadded(n, width: 9)
                case 1: v.ssn = DemoText.digitGroups(n, first: " ", second: " ")
                case 2: v.ssn = DemoText.digitGroups(n, first: ".", second: ".")
                default: v.ssn = DemoText.digitGroups(n, first: "/", second: "-")
                }
                truth.append(DemoFixTruth(table: "customers", keyColumn: "customer_id", key: row + 1, column: "ssn",
                                          defect: CustomerDefect.badSSNFormat.key, injected: v.ssn!,
                                          truth: Self.ssn(row: row, seed: context.seed)))
            case .duplicateSSN:
                v.ssn = Self.ssn(row: ssnOriginals[row]!, seed: context.seed)
            case .badPhone:
                v.phone = rng.pick(DemoVocabulary.badPhones)
            case .underage:
                // Ages 10..17, at least a week before the 18th birthday.
                let months = 12 * rng.int(in: 10...17) + rng.int(in: 0...10)
                v.birthDay = today.adding(months: -months).daysSinceEpoch - rng.int(in: 0...18)
            case .birthBefore1900:
                let first = CivilDate(year: 1850, month: 1, day: 1).daysSinceEpoch
                let last = CivilDate(year: 1899, month: 12, day: 31).daysSinceEpoch
                v.birthDay = rng.int(in: first...last)
            case .birthInFuture:
                v.birthDay = context.today + rng.int(in: 1...3_650)
            case .createdInFuture:
                v.created = (context.today + rng.int(in: 1...365)) * 86_400 + rng.below(86_400)
            case .missingSSN:
                v.ssn = nil
            case .missingBirthDate:
                v.birthDay = nil
            }
            inserter.add(row + 1)
            inserter.add(v.firstName)
            inserter.add(v.lastName)
            inserter.add(v.email)
            inserter.add(v.phone)
            inserter.add(v.address)
            inserter.addDate(days: v.birthDay)
            inserter.add(v.ssn)
            inserter.addTimestamp(epochSeconds: v.created)
            try inserter.insertRow()
        }
        return plan.manifestCounts
    }
}
