/// Plain-ASCII word lists the demo draws realistic values from (every name is letters only, so every
/// clean email matches the suite's email pattern).
enum DemoVocabulary {
    static let firstNames: [String] = [
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Margaret", "Mark", "Sandra",
        "Donald", "Ashley", "Steven", "Kimberly", "Paul", "Emily", "Andrew", "Donna", "Joshua", "Michelle",
        "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Dorothy", "George", "Melissa", "Timothy", "Deborah",
        "Ronald", "Stephanie", "Edward", "Rebecca", "Jason", "Sharon", "Jeffrey", "Laura", "Ryan", "Cynthia",
        "Jacob", "Kathleen", "Gary", "Amy", "Nicholas", "Angela", "Eric", "Shirley", "Jonathan", "Anna",
        "Priya", "Wei", "Carlos", "Sofia", "Mohammed", "Fatima", "Hiroshi", "Yuki", "Diego", "Lucia",
        "Olga", "Ivan", "Amara", "Kwame", "Noah", "Olivia", "Liam", "Emma", "Mateo", "Isabella",
    ]

    static let lastNames: [String] = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Gomez", "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
        "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan", "Cooper",
        "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward", "Richardson",
        "Patel", "Chen", "Wang", "Singh", "Kowalski", "Novak", "Okafor", "Mensah", "Tanaka", "Silva",
    ]

    static let lowerFirstNames: [String] = firstNames.map { $0.lowercased() }
    static let lowerLastNames: [String] = lastNames.map { $0.lowercased() }

    static let emailDomains: [String] = [
        "gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "aol.com", "comcast.net",
        "proton.me", "verizon.net", "financeflow.example",
    ]

    static let streets: [String] = [
        "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park", "Walnut",
        "Sunset", "Lincoln", "Jackson", "Church", "Highland", "River", "Spring", "Chestnut", "Willow",
        "Franklin", "Madison", "Jefferson", "Ridge", "Meadow", "Forest", "Valley", "Harbor", "Mill", "Broad",
    ]

    static let streetSuffixes: [String] = ["St", "Ave", "Rd", "Blvd", "Ln", "Dr", "Ct", "Way", "Pl", "Ter"]

    /// City, state, first three digits of the ZIP code, and the area code used there.
    static let places: [(city: String, state: String, zip: Int, area: Int)] = [
        ("New York", "NY", 100, 212), ("Brooklyn", "NY", 112, 718), ("Buffalo", "NY", 142, 716),
        ("Newark", "NJ", 71, 973), ("Jersey City", "NJ", 73, 201), ("Philadelphia", "PA", 191, 215),
        ("Pittsburgh", "PA", 152, 412), ("Boston", "MA", 21, 617), ("Hartford", "CT", 61, 860),
        ("Baltimore", "MD", 212, 410), ("Washington", "DC", 200, 202), ("Richmond", "VA", 232, 804),
        ("Charlotte", "NC", 282, 704), ("Atlanta", "GA", 303, 404), ("Miami", "FL", 331, 305),
        ("Orlando", "FL", 328, 407), ("Tampa", "FL", 336, 813), ("Nashville", "TN", 372, 615),
        ("Chicago", "IL", 606, 312), ("Springfield", "IL", 627, 217), ("Detroit", "MI", 482, 313),
        ("Columbus", "OH", 432, 614), ("Cleveland", "OH", 441, 216), ("Indianapolis", "IN", 462, 317),
        ("Milwaukee", "WI", 532, 414), ("Minneapolis", "MN", 554, 612), ("St Louis", "MO", 631, 314),
        ("Dallas", "TX", 752, 214), ("Houston", "TX", 770, 713), ("Austin", "TX", 787, 512),
        ("Denver", "CO", 802, 303), ("Phoenix", "AZ", 850, 602), ("Las Vegas", "NV", 891, 702),
        ("Salt Lake City", "UT", 841, 801), ("Seattle", "WA", 981, 206), ("Portland", "OR", 972, 503),
        ("San Francisco", "CA", 941, 415), ("Los Angeles", "CA", 900, 213), ("San Diego", "CA", 921, 619),
        ("Sacramento", "CA", 958, 916),
    ]

    static let badPhones: [String] = ["N/A", "unknown", "555-FLOW-BANK", "call branch", "TBD"]
}
