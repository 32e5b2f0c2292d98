/// The mail domains the email rule corrects typos towards, and the top-level-domain typos it knows.
package enum EmailDomains {
    /// Widely used mailbox providers (and their country domains, so that a real `yahoo.fr` or `email.com` is
    /// never "corrected" towards a neighbour).
    package static let known: Set<String> = [
        "gmail.com", "googlemail.com", "yahoo.com", "ymail.com", "rocketmail.com", "hotmail.com", "outlook.com",
        "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "comcast.net", "verizon.net",
        "att.net", "sbcglobal.net", "bellsouth.net", "charter.net", "cox.net", "earthlink.net", "optonline.net",
        "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.net", "gmx.de", "mail.com", "email.com", "zoho.com",
        "yandex.com", "yandex.ru", "mail.ru", "fastmail.com", "hey.com", "tutanota.com", "web.de", "t-online.de",
        "yahoo.co.uk", "yahoo.ca", "yahoo.fr", "yahoo.de", "yahoo.es", "yahoo.it", "yahoo.co.jp", "yahoo.com.br",
        "hotmail.co.uk", "hotmail.fr", "hotmail.de", "hotmail.it", "hotmail.es", "live.co.uk", "live.ca", "live.fr",
        "outlook.fr", "outlook.de", "btinternet.com", "sky.com", "orange.fr", "free.fr", "laposte.net", "qq.com",
        "163.com", "126.com", "naver.com", "rediffmail.com",
    ]

    /// Misspelt top-level domains that are no real top-level domain, and what they stand for.
    package static let tldTypos: [String: String] = [
        "con": "com", "cmo": "com", "ocm": "com", "cpm": "com", "vom": "com", "xom": "com", "comm": "com",
        "coom": "com", "cim": "com", "clm": "com", "copm": "com", "comn": "com",
        "nte": "net", "ner": "net", "nett": "net", "ogr": "org", "rog": "org", "orgg": "org",
    ]

    /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    package static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}
