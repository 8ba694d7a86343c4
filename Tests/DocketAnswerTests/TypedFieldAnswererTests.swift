import DocketAnswer
import DocketModel
import Testing

/// A page of the given lines, words on a grid, as OCR would give them.
private func receipt(_ lines: [String]) -> [Page] {
    var words: [Word] = []
    var pageLines: [Line] = []
    for (row, text) in lines.enumerated() {
        var indices: [Int] = []
        for (column, token) in text.split(separator: " ").enumerated() {
            indices.append(words.count)
            let x = Double(column) * 50, y = Double(row) * 14
            words.append(Word(text: String(token), box: Box(x0: x, y0: y, x1: x + 45, y1: y + 10), confidence: 90))
        }
        pageLines.append(Line(wordIndices: indices, box: Box.enclosing(indices.map { words[$0].box })!, text: text))
    }
    return [Page(number: 1, width: 226, height: 600, source: .ocr, words: words, lines: pageLines)]
}

private let cafe = receipt([
    "CAFE LINDENHOF GMBH",
    "No. 12, Jalan Ampang,",
    "50450 Kuala Lumpur",
    "Tel: 03-2161 0000",
    "TAX INVOICE",
    "Date: 02/03/2026 14:37",
    "Cappuccino 2 9.00",
    "Subtotal 21.00",
    "GST 6% 1.26",
    "TOTAL RM 23.80",
    "CASH 50.00",
    "CHANGE 26.20",
])

@Suite struct TypedFieldAnswererTests {
    let answerer = DocumentAnswerer()

    @Test func analysesWhatAQuestionAsksFor() {
        #expect(QuestionAnalysis("What is the date on this receipt?").expected == .date)
        #expect(QuestionAnalysis("What is the total amount on this receipt?").expected == .amount)
        #expect(QuestionAnalysis("What is the address of the store?").expected == .address)
        #expect(QuestionAnalysis("What is the name of the company / store that issued this receipt?").expected == .organisation)
        #expect(QuestionAnalysis("How many packages were delivered?").expected == .number)
        #expect(QuestionAnalysis("Who signed the letter?").expected == .text)
    }

    @Test func theTotalIsTheAmountOnTheTotalLineNotTheCashOrChange() {
        let answer = answerer.answer("What is the total amount on this receipt?", pages: cafe)
        #expect(answer.text == "23.80")
        #expect(answer.evidence?.wordIndices == [28])   // "23.80" on the TOTAL line
    }

    @Test func theDateIsFoundInAnyCommonForm() {
        #expect(answerer.answer("What is the date on this receipt?", pages: cafe).text == "02/03/2026")
        #expect(answerer.answer("When was it issued?", pages: receipt(["ACME", "Issued 14 Mar 2026"])).text == "14 Mar 2026")
        #expect(answerer.answer("Date?", pages: receipt(["ACME", "2026-03-14"])).text == "2026-03-14")
    }

    @Test func theIssuerIsTheNameAtTheTopAndTheAddressFollowsIt() {
        #expect(answerer.answer("What is the name of the company that issued this receipt?", pages: cafe).text == "CAFE LINDENHOF GMBH")
        #expect(answerer.answer("What is the address of the store?", pages: cafe).text == "No. 12, Jalan Ampang, 50450 Kuala Lumpur")
    }

    @Test func noValueOfTheTypeMeansNotFound() {
        #expect(!answerer.answer("What is the total amount?", pages: receipt(["Dear Sir", "Thank you"])).isFound)
    }
}
