extension OpenQuestionAnswerer {
    /// Word lists the answerer relies on. All entries are lower-case keys (letters and digits only).
    enum Vocabulary {
        static let functionWords: Set<String> = [
            "a", "an", "the", "of", "for", "in", "on", "at", "to", "by", "with", "from", "and", "or", "as", "is", "are",
            "was", "were", "be", "been", "being", "this", "that", "these", "those", "it", "its", "which", "what", "who",
            "whom", "whose", "when", "where", "why", "how", "do", "does", "did", "has", "have", "had", "there", "their",
            "his", "her", "he", "she", "they", "we", "you", "i", "my", "our", "your", "into", "under", "over", "about",
            "than", "then", "any", "all", "such", "can", "will", "would", "should", "may", "shall", "not", "so", "if",
            "but", "also", "whats", "many", "much", "per", "up", "out", "s", "am", "me", "us", "him", "them", "been",
        ]

        /// Words that shape a question without naming anything the page would say.
        static let questionFiller: Set<String> = [
            "mentioned", "given", "written", "stated", "shown", "listed", "provided", "specified", "indicated",
            "document", "documents", "please", "tell", "me", "according", "mention", "name", "named", "value",
            "kind", "type", "find", "say", "says", "said", "here", "seen", "used", "present",
        ]

        static let months: Set<String> = [
            "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
            "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
        ]

        static let weekdays: Set<String> = [
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        ]

        static let personTitles: Set<String> = [
            "dr", "mr", "mrs", "ms", "miss", "prof", "professor", "shri", "smt", "sri", "sir", "rev", "dean", "hon",
        ]

        /// Common English given names: a run of words opening with one reads as a person's name.
        static let givenNames: Set<String> = [
            "aaron", "adam", "alan", "albert", "alexander", "alfred", "alice", "allen", "amy", "andrew", "angela", "ann",
            "anna", "anne", "anthony", "arnold", "arthur", "barbara", "barry", "benjamin", "bernard", "betty", "beverly",
            "bill", "billy", "bob", "bobby", "bonnie", "brenda", "brian", "bruce", "carl", "carol", "carolyn", "catherine",
            "charles", "cheryl", "chris", "christine", "christopher", "cynthia", "dale", "dan", "daniel", "david",
            "deborah", "debra", "dennis", "diana", "diane", "donald", "donna", "dorothy", "douglas", "earl", "edward",
            "elizabeth", "ellen", "emily", "eric", "ernest", "eugene", "evelyn", "frances", "francis", "frank", "fred",
            "frederick", "gary", "george", "gerald", "gloria", "gordon", "grace", "gregory", "harold", "harry", "heather",
            "helen", "henry", "herbert", "howard", "jack", "jacqueline", "james", "jane", "janet", "janice", "jean",
            "jeffrey", "jennifer", "jerry", "jim", "joan", "joe", "john", "johnny", "jonathan", "joseph", "joyce", "judith",
            "judy", "julia", "julie", "karen", "katherine", "kathleen", "kathryn", "keith", "kenneth", "kevin", "larry",
            "laura", "lawrence", "leonard", "leroy", "linda", "lisa", "lloyd", "louis", "louise", "margaret", "maria",
            "marie", "marilyn", "mark", "martha", "mary", "matthew", "melvin", "michael", "mike", "nancy", "norman",
            "pamela", "patricia", "patrick", "paul", "peggy", "peter", "philip", "phillip", "phyllis", "ralph", "randy",
            "raymond", "rebecca", "richard", "robert", "roger", "ronald", "rose", "roy", "russell", "ruth", "samuel",
            "sandra", "sarah", "scott", "sharon", "shirley", "stanley", "stephen", "steven", "susan", "teresa", "terry",
            "theodore", "thomas", "timothy", "tom", "victor", "virginia", "walter", "wayne", "william", "willie",
        ]

        static let nameSuffixes: Set<String> = ["jr", "sr", "md", "phd", "ii", "iii", "esq", "mph", "rd", "dds", "msc"]

        static let organisationWords: Set<String> = [
            "inc", "incorporated", "company", "co", "corp", "corporation", "ltd", "limited", "llc", "plc", "gmbh",
            "university", "institute", "foundation", "association", "society", "council", "center", "centre",
            "laboratories", "laboratory", "labs", "hospital", "college", "school", "department", "committee",
            "board", "bureau", "agency", "group", "industries", "international", "bank", "services", "federation",
            "commission", "academy", "club", "clinic", "trust", "press", "brands", "airlines", "pharmaceuticals",
            "pharmaceutical", "products", "enterprises", "holdings", "systems", "technologies", "partnership",
            "associates", "partners",
        ]

        static let placeWords: Set<String> = [
            "city", "county", "street", "st", "road", "avenue", "ave", "boulevard", "blvd", "drive", "lane", "building",
            "hall", "room", "hotel", "state", "island", "park", "square", "center", "centre", "usa", "england", "india",
        ]

        /// Words that name a kind of document ("fax cover sheet", "inter-office correspondence").
        static let documentNouns: Set<String> = [
            "memorandum", "memo", "letter", "correspondence", "form", "report", "invoice", "sheet", "agenda", "minutes",
            "statement", "resume", "certificate", "notice", "bill", "receipt", "order", "note", "proposal", "contract",
            "application", "request", "summary", "list", "schedule", "questionnaire", "fax", "telefax", "transmittal",
            "voucher", "budget", "bulletin", "newsletter", "announcement", "release", "itinerary", "program", "programme",
            "manuscript", "abstract", "article", "chart", "table", "slip", "log", "record", "script", "brochure",
            "advertisement", "plan", "policy", "agreement", "review", "study", "protocol", "catalog", "catalogue", "label",
        ]

        /// Words that name a position someone holds.
        static let roleWords: Set<String> = [
            "president", "director", "manager", "chairman", "chairperson", "chair", "secretary", "treasurer", "officer",
            "writer", "editor", "assistant", "associate", "professor", "dean", "head", "chief", "coordinator",
            "supervisor", "representative", "advisor", "adviser", "consultant", "scientist", "engineer", "analyst",
            "administrator", "executive", "vp", "ceo", "cfo", "coo", "counsel", "attorney", "member", "trustee",
            "fellow", "researcher", "specialist", "technician", "chemist", "physician", "nutritionist", "dietitian",
            "agent", "clerk", "accountant", "auditor", "governor", "commissioner", "superintendent", "lecturer",
            "instructor", "investigator", "leader", "owner", "partner", "founder", "principal", "registrar", "deputy",
            "marketing", "sales", "research",
        ]

        static let numberWords: Set<String> = [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
            "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
            "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "single", "dozen",
        ]

        static let scaleWords: Set<String> = ["thousand", "million", "billion", "lakh", "lakhs", "crore", "crores", "mn", "bn", "m"]

        static let currencyWords: Set<String> = ["rs", "usd", "inr", "dollars", "dollar", "us", "eur", "gbp", "cents"]

        static let meridiems: Set<String> = ["am", "pm", "noon"]

        /// Spellings that mean the same thing in questions and in documents, mapped to one stem.
        static let synonyms: [String: String] = [
            "no": "number", "nos": "number", "num": "number", "fig": "figure", "tel": "phone", "telephone": "phone",
            "ph": "phone", "dept": "department", "amt": "amount", "qty": "quantity", "addr": "address", "corp": "corporation",
            "univ": "university", "yr": "year", "yrs": "year", "wt": "weight", "approx": "approximately", "pct": "percent",
            "mgr": "manager", "centre": "center", "programme": "program", "organisation": "organization", "colour": "color", "asst": "assistant", "assoc": "association", "intl": "international", "dated": "date",
        ]
    }
}
