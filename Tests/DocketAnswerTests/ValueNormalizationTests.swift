import DocketAnswer
import DocketFixtures
import DocketModel
import Testing

@Suite struct ValueNormalizationTests {
    @Test(arguments: [
        ("26-03-18", "2018-03-26"),
        ("08/03/2018", "2018-03-08"),
        ("9/ 3/ 92", "1992-03-09"),
        ("DATE: 12.04.2016 10:22", "2016-04-12"),
        ("2018-03-08", "2018-03-08"),
        ("8 Mar 2018", "2018-03-08"),
        ("08MAR18", "2018-03-08"),
        ("March 8th, 2018", "2018-03-08"),
        ("Feb. 7, 1994", "1994-02-07"),
        ("25 Ogos 2017", "2017-08-25"),
        ("13/01/2019", "2019-01-13"),
    ])
    func readsDatesAsISO(written: String, iso: String) {
        #expect(DateNormalizer().normalize(written) == NormalizedValue(kind: .date, text: iso))
    }

    @Test func aDateThatCannotExistIsNotADate() {
        #expect(DateNormalizer().normalize("31/02/2018") == nil)
        #expect(DateNormalizer().normalize("Invoice 1234") == nil)
        #expect(DateNormalizer().normalize("12:37:05") == nil)
    }

    @Test func ambiguousDatesFollowTheConfiguredOrderUnlessAnotherNumberSays() {
        #expect(DateNormalizer(order: .dayFirst).normalize("03/08/2018")?.text == "2018-08-03")
        #expect(DateNormalizer(order: .monthFirst).normalize("03/08/2018")?.text == "2018-03-08")
        #expect(DateNormalizer(order: .monthFirst).normalize("13/08/2018")?.text == "2018-08-13")
        #expect(DateNormalizer(order: .dayFirst).normalize("08/13/2018")?.text == "2018-08-13")
    }

    @Test func theDocumentsOwnDatesSettleTheOrder() {
        #expect(DateNormalizer.order(evidencedBy: ["Shipped 12/28/93", "Due 01/05/94"]) == .monthFirst)
        #expect(DateNormalizer.order(evidencedBy: ["Tarikh 28/12/2018"]) == .dayFirst)
        #expect(DateNormalizer.order(evidencedBy: ["01/05/94"]) == nil)

        let answerer = DocumentAnswerer(dateOrder: .dayFirst)
        let letter = [gridPage(["Received: 12/28/93", "Date: 01/05/94"])]
        #expect(answerer.answer("Date:", pages: letter).value == NormalizedValue(kind: .date, text: "1994-01-05"))
    }

    @Test(arguments: [
        ("RM 10.60", "10.60", "MYR"),
        ("1,234.50", "1234.50", nil),
        ("1.234,50 €", "1234.50", "EUR"),
        ("12,60", "12.60", nil),
        ("$1,234", "1234", nil),
        ("USD 2,500,000", "2500000", "USD"),
        ("(15.00)", "-15.00", nil),
        ("£0.99", "0.99", "GBP"),
        ("TOTAL 1.5", "1.5", nil),
    ] as [(String, String, String?)])
    func readsAmountsAsDecimals(written: String, decimal: String, currency: String?) {
        #expect(AmountNormalizer().normalize(written) == NormalizedValue(kind: .amount, text: decimal, unit: currency))
    }

    @Test func lettersThatMerelyContainACurrencyCodeDoNotNameIt() {
        #expect(AmountNormalizer().normalize("FORM 12.00")?.unit == nil)
        #expect(AmountNormalizer().normalize("RM12.00")?.unit == "MYR")
    }

    @Test func answersCarryTheValueTheirQuestionAsksFor() {
        let receipt = [gridPage(["ACME TRADING SDN BHD", "Date: 02/03/2026 14:37", "TOTAL RM 23.80", "CASH 50.00"])]
        let answerer = DocumentAnswerer(dateOrder: .dayFirst)
        #expect(answerer.answer("What is the total?", pages: receipt).value == NormalizedValue(kind: .amount, text: "23.80", unit: "MYR"))
        #expect(answerer.answer("What is the date on this receipt?", pages: receipt).value == NormalizedValue(kind: .date, text: "2026-03-02"))
        #expect(answerer.answer("Who is the vendor?", pages: receipt).value == nil)

        let report = [gridPage(["FINDINGS:", "No pleural effusion.", "Heart size is normal."], source: .plainText)]
        #expect(answerer.answer("Is there pleural effusion?", pages: report).value == NormalizedValue(kind: .yesNo, text: "no"))
    }
}

@Suite struct LabelledValueTests {
    /// A page of "Label: value" lines whose layout pairs each label with its value, as the layout
    /// analysis does for a form.
    static func form(_ pairs: [(String, String)]) -> Page {
        var page = gridPage(pairs.map { "\($0.0) \($0.1)" })
        page.layout = PageLayout(keyValues: page.lines.enumerated().map { row, line in
            let labelWords = pairs[row].0.split(separator: " ").count
            let key = Array(line.wordIndices.prefix(labelWords)), value = Array(line.wordIndices.dropFirst(labelWords))
            return KeyValuePair(keyWordIndices: key, valueWordIndices: value, keyText: pairs[row].0, valueText: pairs[row].1,
                                keyBox: Box.enclosing(key.map { page.words[$0].box })!, valueBox: Box.enclosing(value.map { page.words[$0].box })!,
                                relation: .right)
        })
        return page
    }

    @Test func aQuestionInWordsIsAnsweredFromTheLabelledValueThatNamesWhatItCounts() {
        let page = Self.form([
            ("Delivery note number:", "DN-58213"), ("Delivery date:", "2026-03-16"), ("Total packages:", "7"),
            ("Total weight:", "197.5 kg"),
        ])
        let answerer = DocumentAnswerer()
        let packages = answerer.answer("How many packages were delivered?", pages: [page])
        #expect(packages.text == "7")
        #expect(packages.value == NormalizedValue(kind: .number, text: "7"))
        #expect(packages.evidence?.wordIndices == [9])
        #expect(answerer.answer("What is the total weight?", pages: [page]).text == "197.5 kg")
        #expect(answerer.answer("How many pallets were used?", pages: [page]).text != "7")
    }

    @Test func aHyphenAfterLettersIsNotAMinusSign() {
        #expect(AmountNormalizer().normalize("DN-58213", as: .number)?.text == "58213")
        #expect(AmountNormalizer().normalize("- 12.00")?.text == "-12.00")
    }
}
