import DocketFixtures
import DocketAnswer
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

@Suite struct ReceiptFieldAnswererTests {
    let answerer = DocumentAnswerer()

    @Test func analysesWhatAQuestionAsksFor() {
        #expect(QuestionAnalysis("What is the date on this receipt?").expected == .date)
        #expect(QuestionAnalysis("What is the total amount on this receipt?").expected == .amount)
        #expect(QuestionAnalysis("What is the address of the store?").expected == .address)
        #expect(QuestionAnalysis("What is the name of the company / store that issued this receipt?").expected == .organisation)
        #expect(QuestionAnalysis("How many packages were delivered?").expected == .number)
        #expect(QuestionAnalysis("Who signed the letter?").expected == .text)
    }

    @Test func theBillToBlockIsNeverTheIssuer() {
        let invoice = receipt([
            "INVOICE",
            "Bill to:",
            "Acme Logistics GmbH",
            "Attn: Accounts Payable",
            "Industriestrasse 45",
            "70565 Stuttgart",
            "Invoice number: NW-2026-0314",
            "Total due: 1,237.60 EUR",
        ])
        let found = ReceiptFieldAnswerer.candidates(for: .company, pages: invoice).map(\.text)
            + ReceiptFieldAnswerer.candidates(for: .address, pages: invoice).map(\.text)
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { !$0.contains("Acme") && !$0.contains("Stuttgart") && !$0.contains("Industriestrasse") })
    }

    @Test func theTotalIsTheAmountOnTheTotalLineNotTheCashOrChange() {
        let answer = answerer.answer("What is the total amount on this receipt?", pages: cafe)
        // Receipts' totals are labelled with their currency as often as without.
        #expect(["23.80", "RM 23.80"].contains(answer.text))
        #expect(answer.evidence?.wordIndices == [28])   // "23.80" on the TOTAL line
    }

    @Test func theTotalIsTheOneAfterTheRoundingAdjustment() {
        let rounded = receipt([
            "KEDAI RUNCIT MAJU SDN BHD",
            "No. 3, Jalan Besar, 43000 Kajang",
            "Date: 14/02/2018",
            "Milo 1 5.30",
            "Roti 2 5.06",
            "Total Amount: RM10.36",
            "Rounding: -RM0.01",
            "Nett Total: RM10.35",
            "CASH RM20.00",
            "CHANGE RM9.65",
            "GST Summary Amount Tax",
            "SR @ 6% 9.77 0.59",
        ])
        let answer = answerer.answer("What is the total amount on this receipt?", pages: rounded)
        #expect(["10.35", "RM10.35"].contains(answer.text))
        #expect(answer.answeredBy == .receiptField)
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

    /// The text of the generated receipt sample (Samples/receipt.png), line for line.
    private let lindenhof = receipt([
        "CAFE LINDENHOF",
        "Lindenstrasse 7, 10969 Berlin",
        "Date: 2026-03-02 14:37",
        "Receipt no. 004211",
        "Table 6 | Server: Tomasz",
        "2 x Cappuccino 7.20",
        "Club sandwich 8.90",
        "Orange juice 3.90",
        "Cheesecake 3.80",
        "TOTAL 23.80",
        "Paid by card (EUR)",
        "Prices include VAT.",
        "Thank you for your visit!",
    ])

    @Test func theGeneratedReceiptSampleIsAnsweredInUsersWords() {
        #expect(answerer.answer("what is the total?", pages: lindenhof).text == "23.80")
        #expect(answerer.answer("What is the date on this receipt?", pages: lindenhof).text == "2026-03-02")
        #expect(answerer.answer("who is the vendor?", pages: lindenhof).text == "CAFE LINDENHOF")
        #expect(answerer.answer("What is the address of the store?", pages: lindenhof).text == "Lindenstrasse 7, 10969 Berlin")
    }

    @Test func confidenceIsCalibratedAndWithinBounds() {
        let answer = answerer.answer("What is the total amount on this receipt?", pages: cafe)
        #expect((0...1).contains(answer.confidence))
        #expect(answer.confidence > 0)
    }

    @Test func registrationNumbersAreNotPartOfTheNameOrAddress() {
        let pages = receipt(["KEDAI MAJU SDN BHD (123456-X)", "NO 5, JALAN BESAR,", "43000 KAJANG, SELANGOR", "TOTAL 9.90"])
        #expect(answerer.answer("What is the name of the company that issued this receipt?", pages: pages).text == "KEDAI MAJU SDN BHD")
    }

    @Test func noValueOfTheTypeMeansNotFound() {
        #expect(!answerer.answer("What is the total amount?", pages: receipt(["Dear Sir", "Thank you"])).isFound)
    }
}

@Suite struct ReceiptFieldQuestionTests {
    @Test func takesQuestionsForTheFieldItselfOnly() {
        #expect(ReceiptField(question: "What is the name of the company / store that issued this receipt?") == .company)
        #expect(ReceiptField(question: "who is the vendor?") == .company)
        #expect(ReceiptField(question: "What is the address of the store?") == .address)
        #expect(ReceiptField(question: "what is the total?") == .total)
        #expect(ReceiptField(question: "What is the date on this receipt?") == .date)
        #expect(ReceiptField(question: "What is the hand written date?") == nil)
        #expect(ReceiptField(question: "What is the total of the second table?") == nil)
    }
}
