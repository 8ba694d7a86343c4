import DocketAnswer
import DocketFixtures
import DocketModel
import Testing

private func receipt(_ lines: [String]) -> [Page] { [gridPage(lines, confidence: 90)] }

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
