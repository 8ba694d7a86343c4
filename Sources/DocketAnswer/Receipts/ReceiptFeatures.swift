/// What is known about one candidate value of a receipt field, as numbers a linear score can weigh.
/// Each is 0 or 1, or scaled to stay near 0...1. One list serves every field; each field's model
/// weighs the ones that tell its values apart.
public struct ReceiptFeatures: Sendable, Hashable {
    // Where it stands.
    /// The candidate's first line's place among the page's lines, 0 at the top, 1 at the bottom.
    public var lineRank = 0.0
    /// Its first line is among the page's first three.
    public var nearTop = 0.0
    /// Its top edge's place on the text's height, 0 at the top, 1 at the bottom.
    public var verticalPosition = 0.0
    /// Its right edge's place on the page's width.
    public var rightEdge = 0.0

    // How it was read and how it looks.
    /// Mean OCR confidence of its words, 0...1.
    public var confidence = 0.0
    /// Mean OCR confidence under 0.6: often a logo or a stain read as letters.
    public var doubtfulReading = 0.0
    /// Its letters' height against the page's usual height, as a log ratio within -1...1.
    public var textHeight = 0.0
    /// Share of its characters that are letters.
    public var letterShare = 0.0
    /// Share of its characters that are digits.
    public var digitShare = 0.0
    /// Share of its letters in capitals.
    public var capitalShare = 0.0
    /// Words, in tens.
    public var wordCount = 0.0
    /// Fewer than four letters.
    public var fewLetters = 0.0

    // Names.
    /// Words that end a company's name: SDN BHD, ENTERPRISE, TRADING, RESTORAN, LTD, GMBH...
    public var companyCue = 0.0
    /// The first line from the top with such a word.
    public var firstCompanyCue = 0.0
    /// The first line from the top that reads like a name: mostly letters, not an address or heading.
    public var firstNameLike = 0.0
    /// A registration number in brackets on it or on the next line, as follows a company's name.
    public var registrationNear = 0.0
    /// A heading such as TAX INVOICE, RECEIPT, WELCOME.
    public var headingCue = 0.0
    /// Telephone, fax, GST or registration numbers, e-mail, web: contact lines.
    public var contactCue = 0.0

    // Addresses.
    /// Share of its lines that read like an address: street words, postcode, commas with numbers.
    public var addressLineShare = 0.0
    /// A five-digit postcode in it.
    public var postcode = 0.0
    /// A state or city name in its last line, as addresses end.
    public var stateAtEnd = 0.0
    /// A state or city name anywhere in it.
    public var stateName = 0.0
    /// Its first line starts as addresses do: NO, LOT, a number, JALAN.
    public var addressStart = 0.0
    /// Lines, in sixths.
    public var lineCount = 0.0
    /// The line before it reads like an address too: it may start too late.
    public var addressBefore = 0.0
    /// The line after it reads like an address too: it may stop too early.
    public var addressAfter = 0.0
    /// The line before it has a company cue or is the first name at the top.
    public var afterName = 0.0
    /// Share of its lines with a contact cue.
    public var contactLineShare = 0.0
    /// The line after it has a contact cue (telephone, GST), as the end of an address does.
    public var contactAfter = 0.0
    /// It holds a line with a company cue.
    public var holdsCompanyCue = 0.0

    // Dates.
    /// The word "date" on its line.
    public var dateCue = 0.0
    /// A time (12:30) on its line.
    public var timeNear = 0.0
    /// A four-digit year.
    public var fullYear = 0.0
    /// A month's name.
    public var monthName = 0.0
    /// Day and month within the calendar's ranges.
    public var plausibleDate = 0.0
    /// The first date from the top.
    public var firstDate = 0.0
    /// A word on its line that names another date: due, expiry, valid.
    public var otherDateCue = 0.0

    // Amounts.
    /// A word that names the total on its line: TOTAL, AMOUNT DUE, NETT, PAYABLE.
    public var totalCue = 0.0
    /// Such a word on the line before, which holds no amount of its own.
    public var totalCueAbove = 0.0
    /// GRAND on its line.
    public var grandCue = 0.0
    /// ROUND on its line: the rounded total or the rounding adjustment.
    public var roundingCue = 0.0
    /// SUBTOTAL on its line.
    public var subtotalCue = 0.0
    /// CASH, TENDERED, PAID on its line.
    public var cashCue = 0.0
    /// CHANGE on its line.
    public var changeCue = 0.0
    /// TAX, GST, VAT or SST on its line.
    public var taxCue = 0.0
    /// QTY, ITEM, DISCOUNT, UNIT on its line.
    public var itemCue = 0.0
    /// A percentage on its line, as tax rates are.
    public var percentNear = 0.0
    /// The largest amount on the page.
    public var largestAmount = 0.0
    /// Its value against the largest amount on the page.
    public var relativeValue = 0.0
    /// The same value stands elsewhere on the page, as a total repeated under its payment.
    public var repeated = 0.0
    /// Cash paid less the change given equals it.
    public var cashLessChange = 0.0
    /// The last amount on its line.
    public var lastOnLine = 0.0
    /// Written with its currency, "RM 10.60".
    public var withCurrency = 0.0
    /// The amount's line is the last with a total cue.
    public var lastTotalCue = 0.0

    public init() {}

    /// Every feature with its name, in one fixed order: the order of `values` and of a model's weights.
    static let all: [(name: String, keyPath: WritableKeyPath<ReceiptFeatures, Double> & Sendable)] = [
        ("lineRank", \.lineRank), ("nearTop", \.nearTop), ("verticalPosition", \.verticalPosition),
        ("rightEdge", \.rightEdge), ("confidence", \.confidence), ("doubtfulReading", \.doubtfulReading),
        ("textHeight", \.textHeight), ("letterShare", \.letterShare), ("digitShare", \.digitShare),
        ("capitalShare", \.capitalShare), ("wordCount", \.wordCount), ("fewLetters", \.fewLetters),
        ("companyCue", \.companyCue), ("firstCompanyCue", \.firstCompanyCue), ("firstNameLike", \.firstNameLike),
        ("registrationNear", \.registrationNear), ("headingCue", \.headingCue), ("contactCue", \.contactCue),
        ("addressLineShare", \.addressLineShare), ("postcode", \.postcode), ("stateAtEnd", \.stateAtEnd),
        ("stateName", \.stateName), ("addressStart", \.addressStart), ("lineCount", \.lineCount),
        ("addressBefore", \.addressBefore), ("addressAfter", \.addressAfter), ("afterName", \.afterName),
        ("contactLineShare", \.contactLineShare), ("contactAfter", \.contactAfter), ("holdsCompanyCue", \.holdsCompanyCue),
        ("dateCue", \.dateCue), ("timeNear", \.timeNear), ("fullYear", \.fullYear), ("monthName", \.monthName),
        ("plausibleDate", \.plausibleDate), ("firstDate", \.firstDate), ("otherDateCue", \.otherDateCue),
        ("totalCue", \.totalCue), ("totalCueAbove", \.totalCueAbove), ("grandCue", \.grandCue),
        ("roundingCue", \.roundingCue), ("subtotalCue", \.subtotalCue), ("cashCue", \.cashCue),
        ("changeCue", \.changeCue), ("taxCue", \.taxCue), ("itemCue", \.itemCue), ("percentNear", \.percentNear),
        ("largestAmount", \.largestAmount), ("relativeValue", \.relativeValue), ("repeated", \.repeated),
        ("cashLessChange", \.cashLessChange), ("lastOnLine", \.lastOnLine), ("withCurrency", \.withCurrency),
        ("lastTotalCue", \.lastTotalCue),
    ]

    public static let names = all.map(\.name)

    /// The features in the order of `names`.
    public var values: [Double] { Self.all.map { self[keyPath: $0.keyPath] } }
}
