/// What is known about one candidate value of a receipt field, as numbers a linear score can weigh.
/// Each is 0 or 1, or scaled to stay near 0...1. One list serves every field; each field's model
/// weighs the ones that tell its values apart.
public typealias ReceiptFeatures = FeatureVector<ReceiptFeature>

/// The features of a receipt field's candidate value, in the order of its vector and of a model's weights.
public enum ReceiptFeature: Int, FeatureName {
    // Where it stands.
    /// The candidate's first line's place among the page's lines, 0 at the top, 1 at the bottom.
    case lineRank
    /// Its first line is among the page's first three.
    case nearTop
    /// Its top edge's place on the text's height, 0 at the top, 1 at the bottom.
    case verticalPosition
    /// Its right edge's place on the page's width.
    case rightEdge

    // How it was read and how it looks.
    /// Mean OCR confidence of its words, 0...1.
    case confidence
    /// Mean OCR confidence under 0.6: often a logo or a stain read as letters.
    case doubtfulReading
    /// Its letters' height against the page's usual height, as a log ratio within -1...1.
    case textHeight
    /// Share of its characters that are letters.
    case letterShare
    /// Share of its characters that are digits.
    case digitShare
    /// Share of its letters in capitals.
    case capitalShare
    /// Words, in tens.
    case wordCount
    /// Fewer than four letters.
    case fewLetters

    // Names.
    /// Words that end a company's name: SDN BHD, ENTERPRISE, TRADING, RESTORAN, LTD, GMBH...
    case companyCue
    /// The first line from the top with such a word.
    case firstCompanyCue
    /// The first line from the top that reads like a name: mostly letters, not an address or heading.
    case firstNameLike
    /// A registration number in brackets on it or on the next line, as follows a company's name.
    case registrationNear
    /// A heading such as TAX INVOICE, RECEIPT, WELCOME.
    case headingCue
    /// Telephone, fax, GST or registration numbers, e-mail, web: contact lines.
    case contactCue

    // Addresses.
    /// Share of its lines that read like an address: street words, postcode, commas with numbers.
    case addressLineShare
    /// A five-digit postcode in it.
    case postcode
    /// A state or city name in its last line, as addresses end.
    case stateAtEnd
    /// A state or city name anywhere in it.
    case stateName
    /// Its first line starts as addresses do: NO, LOT, a number, JALAN.
    case addressStart
    /// Lines, in sixths.
    case lineCount
    /// The line before it reads like an address too: it may start too late.
    case addressBefore
    /// The line after it reads like an address too: it may stop too early.
    case addressAfter
    /// The line before it has a company cue or is the first name at the top.
    case afterName
    /// Share of its lines with a contact cue.
    case contactLineShare
    /// The line after it has a contact cue (telephone, GST), as the end of an address does.
    case contactAfter
    /// It holds a line with a company cue.
    case holdsCompanyCue

    // Dates.
    /// The word "date" on its line.
    case dateCue
    /// A time (12:30) on its line.
    case timeNear
    /// A four-digit year.
    case fullYear
    /// A month's name.
    case monthName
    /// Day and month within the calendar's ranges.
    case plausibleDate
    /// The first date from the top.
    case firstDate
    /// A word on its line that names another date: due, expiry, valid.
    case otherDateCue

    // Amounts.
    /// A word that names the total on its line: TOTAL, AMOUNT DUE, NETT, PAYABLE.
    case totalCue
    /// Such a word on the line before, which holds no amount of its own.
    case totalCueAbove
    /// GRAND on its line.
    case grandCue
    /// ROUND on its line: the rounded total or the rounding adjustment.
    case roundingCue
    /// SUBTOTAL on its line.
    case subtotalCue
    /// CASH, TENDERED, PAID on its line.
    case cashCue
    /// CHANGE on its line.
    case changeCue
    /// TAX, GST, VAT or SST on its line.
    case taxCue
    /// QTY, ITEM, DISCOUNT, UNIT on its line.
    case itemCue
    /// A percentage on its line, as tax rates are.
    case percentNear
    /// The largest amount on the page.
    case largestAmount
    /// Its value against the largest amount on the page.
    case relativeValue
    /// The same value stands elsewhere on the page, as a total repeated under its payment.
    case repeated
    /// Cash paid less the change given equals it.
    case cashLessChange
    /// The last amount on its line.
    case lastOnLine
    /// Written with its currency, "RM 10.60".
    case withCurrency
    /// The amount's line is the last with a total cue.
    case lastTotalCue
    /// A total above it, moved by the rounding adjustment the page states, gives this amount: the
    /// total after rounding ("Total 10.36, Rounding -0.01, Nett Total 10.35").
    case afterRounding
    /// The rounding adjustment the page states moves this total to another amount below it: the
    /// total before rounding.
    case beforeRounding
}
