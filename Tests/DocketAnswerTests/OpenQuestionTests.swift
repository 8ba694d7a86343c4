import DocketAnswer
import DocketModel
import Testing

/// A page built the way a plain-text document is read: whitespace-separated words, one line per
/// line of text, boxes on a 7.2 x 14 point grid.
private func textPage(_ text: String, number: Int = 1) -> Page {
    var words: [Word] = []
    var lines: [Line] = []
    for (row, lineText) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        var indices: [Int] = []
        var column = 0
        for token in lineText.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += token.count + 1 }
            guard !token.isEmpty else { continue }
            indices.append(words.count)
            let x = 36 + Double(column) * 7.2, y = 36 + Double(row) * 14
            words.append(Word(text: String(token), box: Box(x0: x, y0: y, x1: x + Double(token.count) * 7.2, y1: y + 14), confidence: 100))
        }
        guard let box = Box.enclosing(indices.map { words[$0].box }) else { continue }
        lines.append(Line(wordIndices: indices, box: box, text: indices.map { words[$0].text }.joined(separator: " ")))
    }
    return Page(number: number, width: 612, height: 792, source: .plainText, words: words, lines: lines)
}

@Suite struct OpenQuestionTests {
    let answerer = OpenQuestionAnswerer()

    private func answer(_ question: String, _ text: String) -> Answer? {
        answerer.answer(question, pages: [textPage(text)])
    }

    @Test func dateNearTheQuestionWords() {
        let letter = "acme corporation 12 main street denver, colorado dated: march 14, 1998 dear mr. smith, "
            + "thank you for your order of 40 cases shipped on june 2, 1997."
        #expect(answer("What is the date mentioned in this letter?", letter)?.text == "march 14, 1998")
        #expect(answer("When was the order shipped?", letter)?.text == "june 2, 1997")
    }

    @Test func pageNumberWithoutTheDashesAroundIt() {
        let text = "-2- the committee met twice in june to review the budget and the plans for 1980."
        #expect(answer("What is the page number?", text)?.text == "2")
    }

    @Test func aDateNamedBesideOtherWordsIsStillADate() {
        let order = "date assigned: january 18, 2005 purchase order number: 397 due date (outline): august 9, 2000 fee: $3,500"
        #expect(answer("What is the Date Assigned as per the document?", order)?.text == "january 18, 2005")
        #expect(answer("What is the printed due date (outline)?", order)?.text == "august 9, 2000")
    }

    @Test func aFigureNamedBeforeAnotherWordIsStillAFigure() {
        let ledger = "hospital admissions total population pomona 281 inglewood 361 amount paid: $217.00 send to treasurer"
        #expect(answer("What is the amount paid?", ledger)?.text == "$217.00")
        #expect(answer("What is the total population at Pomona?", ledger)?.text == "281")
    }

    @Test func aTimeRangeIsReadWhole() {
        let agenda = "sales tax practice, ernst & young 12:15 - 1:45 luncheon speaker: jason bertsch 2:00 adjourn"
        #expect(answer("What time was the luncheon scheduled?", agenda)?.text == "12:15 - 1:45")
    }

    @Test func amountAfterItsLabel() {
        let invoice = "invoice 2231 paper 12 reams $12.00 toner $30.00 total amount due: $45.50 thank you for your business"
        #expect(answer("What is the total amount due?", invoice)?.text == "$45.50")
        #expect(answer("How much is the toner?", invoice)?.text == "$30.00")
    }

    @Test func addresseeAfterDear() {
        let letter = "january 5, 1980 dear louis: here is a copy of the report you asked for. sincerely, william j. darby"
        #expect(answer("To whom is this letter addressed?", letter)?.text == "louis")
        #expect(answer("Who is the letter from?", letter)?.text == "william j. darby")
    }

    @Test func titleOpensTheDocument() {
        let text = "annual report of the nutrition committee 1979 the committee met twice in june to review the budget."
        #expect(answer("What is the title of the document?", text)?.text == "annual report of the nutrition committee")
    }

    @Test func aTitleRunsToItsLastWord() {
        let text = "diet and coronary heart disease this statement for physicians was developed by the committee on nutrition"
        #expect(answer("What is the title of the document?", text)?.text == "diet and coronary heart disease")
    }

    @Test func aNameEndsWhereNothingSpeaksForMoreWords() {
        let letter = "we look forward to your reply. sincerely, margaret ellison property manager harbor view apartments"
        #expect(answer("Who signed the letter?", letter)?.text == "margaret ellison")
    }

    @Test func anAbbreviationInParenthesesLosesThemAndTheFullStop() {
        let text = "reports of the food and agriculture organization (fao). the tables below give the supply"
        #expect(answer("What is the abbreviation of Food and Agriculture Organization?", text)?.text == "fao")
    }

    @Test func theKindOfDocumentEndsWithTheNounTheQuestionNames() {
        let text = "date : june 3, 1976 re: attendance report for month of: may (to be mailed on the first)"
        #expect(answer("What type of report is this?", text)?.text == "attendance report")
    }

    @Test func aLabelMayHoldTheWordsAQuestionTakesForFiller() {
        let pattern = "category of shareholder equity owner type: non-promoters-2008. number of shares held: 1,200"
        #expect(answer("What is the 'equity owner type' mentioned?", pattern)?.text == "non-promoters-2008")
    }

    @Test func aLabelEndingWithAColonOutweighsTheSameWordsWithout() {
        let sheet = "i. venue information venue name: music menu venue code: 3837 venue address: 511 monroe street"
        #expect(answer("What is the Venue Name?", sheet)?.text == "music menu")
    }

    @Test func aYesOrNoQuestionIsAnsweredWithThePagesYesOrNo() {
        let sheet = "display information item #: 803048 pre-sleeved: no item #: 555965 shrink wrapped: yes"
        #expect(answer("Is it pre-sleeved?", sheet)?.text == "no")
        #expect(answer("Is it shrink wrapped?", sheet)?.text == "yes")
        #expect(answer("Is it boxed?", "display information item #: 803048 boxed in cartons of ten") == nil)
    }

    @Test func valueAfterALabelWithAColon() {
        let form = "vendor: acme supply co. purchase order no: 4471 ship to: denver terms: net 30"
        #expect(answer("What is the purchase order number?", form)?.text == "4471")
        #expect(answer("Who is the vendor?", form)?.text == "acme supply co.")
    }

    @Test func readsAcrossLines() {
        let memo = "inter-office memorandum\nto: dr. robert lees\nfrom: k. shafer\nsubject: greenhouse program"
        #expect(answer("What kind of document is this?", memo)?.text == "inter-office memorandum")
        #expect(answer("Who is the memo from?", memo)?.text == "k. shafer")
    }

    @Test func spellsOutAnAbbreviation() {
        let text = "the british national formulary (bnf) lists the approved doses."
        #expect(answer("What is the full form of BNF?", text)?.text == "british national formulary")
    }

    @Test func partsOfAnAddress() {
        let letter = "greenfield milling company 410 orchard road, dayton, ohio 45402-1187 telephone (937) 555-0142 "
            + "dear mr. hale, the shipment leaves on friday."
        #expect(answer("What is the zip code?", letter)?.text == "45402-1187")
        #expect(answer("Which state is mentioned?", letter)?.text == "ohio")
        #expect(answer("What is the name of the city?", letter)?.text == "dayton")
    }

    @Test func abbreviatedStatesAndCitiesOfSeveralWords() {
        let letterhead = "northern grain council 88 river street saint paul, minn. 55101 annual meeting notice"
        #expect(answer("What is the city?", letterhead)?.text == "saint paul")
        #expect(answer("Which state?", letterhead)?.text == "minn")
        let capital = "food law institute 1750 k street, n. w., washington, d. c. 20006 phone (202) 555-2230"
        #expect(answer("What is the zip code?", capital)?.text == "20006")
        #expect(answer("What is the state?", capital)?.text == "d. c.")
        #expect(answer("Which city is mentioned?", capital)?.text == "washington")
    }

    @Test func stateInAnAddressBeforeOneNamedInProse() {
        let text = "report to the indiana state fair board from the extension office 12 main street, columbus, ohio 43215"
        #expect(answer("What is the name of the state?", text)?.text == "ohio")
    }

    @Test func abbreviationOfAStateTheQuestionNames() {
        let text = "florida citrus growers meet in miami beach, fl 33139 and in austin, tx 78701 this spring"
        #expect(answer("What is the abbreviation for the state of Florida?", text)?.text == "fl")
        #expect(answer("What is the zip code of Austin?", text)?.text == "78701")
    }

    @Test func wordsThatAreAlsoStateAbbreviationsAreNotStates() {
        #expect(answer("Which state is mentioned?", "the samples were kept in cold storage or in the freezer") == nil)
    }

    @Test func wordsOfPlaceAndOrderNeedNotBeOnThePage() {
        let memo = "memorandum march 2, 1951 to all staff from the director subject: summer hours"
        #expect(answer("What is the date at the top of the memo?", memo)?.text == "march 2, 1951")
        let list = "media services 1. press releases 2. radio scripts 3. tv news clips 4. media seminars"
        #expect(answer("What is the 3rd item in the list?", list)?.text == "tv news clips")
        let letterhead = "takeda pharmaceuticals 475 half day road lincolnshire dear dr. baum, thank you for your letter"
        #expect(answer("Which company's name is on the letterhead?", letterhead)?.text?.hasPrefix("takeda") == true)
    }

    @Test func aQuestionAboutWhatThePageNeverNamesIsNil() {
        let invoice = "invoice 2231 bill to: acme supply co. paper 12 reams $12.00 total amount due: $45.50"
        #expect(answer("Who is the patient?", invoice) == nil)
        #expect(answer("What is the name of the patient below the logo?", invoice) == nil)
    }

    @Test func namesWithMiddleInitialsAndTitlesAreReadWhole() {
        let program = "afternoon session chairman: dr. ellen a. marsh tea break speakers: mr. i. m. hale, mr. paul t. verney"
        #expect(answer("Who is the chairman of the afternoon session?", program)?.text == "dr. ellen a. marsh")
        let request = "authorization request ar no: b-67 originator: d. c. straka dept. ref. no: 780 start date: 10/87"
        #expect(answer("What is the name of the originator?", request)?.text == "d. c. straka")
    }

    @Test func positionAfterTheNameInASignature() {
        let letter = "please call medical information with any questions. sincerely, dr. c. baum md european medical director "
            + "norland pharmaceuticals europe limited"
        #expect(answer("Who is the European Medical Director?", letter)?.text == "dr. c. baum md")
        let staff = "laboratory report margaret l. dunne, director susan price, supervisor age sex room 547"
        #expect(answer("Who is the director?", staff)?.text == "margaret l. dunne")
    }

    @Test func placesAndPositionsAreNotNames() {
        let list = "john meyer president 436 coffman longmont, colorado first national bank "
            + "arthur salberg president 1309 carolina ave longmont, colorado first national johnstown"
        #expect(answer("Who is the president of First National Johnstown?", list)?.text == "arthur salberg")
    }

    @Test func aSentenceThatEndsBeforeASpanDoesNotLabelIt() {
        let addendum = "this addendum is made pursuant to the master contract between the buyer and supplier. "
            + "the provisions thereof are incorporated herein. supplier: brightline"
        #expect(answer("Who is the supplier?", addendum)?.text == "brightline")
    }

    @Test func organisationNamesAreNotProseAboutThem() {
        let report = "all loans were granted by the company on fair terms. the university of tamworth audited the accounts."
        #expect(answer("What is the name of the university?", report)?.text == "university of tamworth")
    }

    @Test func whoQuestionsThatNameNoPersonMayBeAnsweredByAnOrganisation() {
        let cover = "nutrition today is published by the ohio valley dairy council for teachers. editor: paula jensen"
        #expect(answer("Who is the magazine published by?", cover)?.text == "ohio valley dairy council")
    }

    @Test func nothingPlausibleIsNil() {
        #expect(answer("What is the date of the meeting?", "the cat sat on the mat and looked at the door") == nil)
        #expect(answer("How much was paid?", "no figures appear in this short note") == nil)
        #expect(answerer.answer("What is the title?", pages: []) == nil)
        #expect(answer("What is the title?", "") == nil)
    }

    @Test func evidencePointsAtTheAnswerWords() throws {
        let page = textPage("invoice 2231\ntotal amount due: $45.50\nthank you", number: 3)
        let found = try #require(answerer.answer("What is the total amount due?", pages: [page]))
        let evidence = try #require(found.evidence)
        #expect(found.text == "$45.50")
        #expect(evidence.page == 3)
        #expect(evidence.wordIndices == [5])
        #expect(page.words[5].text == "$45.50")
        #expect(evidence.box == page.words[5].box)
        #expect((0...1).contains(found.confidence))
    }

    @Test func evidenceOfSeveralWordsEnclosesThemAll() throws {
        let page = textPage("dated: march 14, 1998 dear mr. smith")
        let found = try #require(answerer.answer("What is the date?", pages: [page]))
        let evidence = try #require(found.evidence)
        #expect(evidence.wordIndices == [1, 2, 3])
        #expect(evidence.box == Box.enclosing([1, 2, 3].map { page.words[$0].box }))
    }

    @Test func figuresSplitAtTheirSeparatorsAreReadWhole() throws {
        let page = textPage("batch of 10, 000 lb\ncelando 60-0130 94 . 7680 lbs\nunited states total : $29, 814 million")
        let total = try #require(answerer.answer("What is the United States total?", pages: [page]))
        #expect(total.text == "$29,814 million")
        #expect(total.evidence?.wordIndices.map { page.words[$0].text } == ["$29,", "814", "million"])
        #expect(answer("How many pounds of celando are needed?", "celando 60-0130 94 . 7680 lbs")?.text == "94.7680")
        #expect(answer("How big is the batch?", "a batch of 10, 000 lb was mixed")?.text == "10,000 lb")
        let quota = "owned pounds leased pounds 33 , 460 66, 755 = 100 , 815 please print"
        #expect(answer("What is the amount of owned pounds?", quota)?.text == "33,460")
    }

    @Test func answerComesFromTheRightPage() throws {
        let cover = textPage("fax cover sheet pages: 2", number: 1)
        let letter = textPage("re: budget total cost: $1,200.00 approved", number: 2)
        let found = try #require(answerer.answer("What is the total cost?", pages: [cover, letter]))
        #expect(found.text == "$1,200.00")
        #expect(found.evidence?.page == 2)
        #expect(found.evidence?.wordIndices == [4])
    }
}
