import DocketAnswer
import DocketFixtures
import DocketModel
import Testing

private func page(_ lines: [String], number: Int = 1) -> Page {
    gridPage(lines, number: number, confidence: 100, source: .plainText)
}

@Suite struct FindingsTests {
    let reader = FindingsReader()

    private func status(of finding: String, in text: String) -> [FindingStatus] {
        reader.mentions(in: text).filter { $0.finding == finding }.map(\.status)
    }

    private func answer(_ question: String, _ lines: [String]) -> Answer? {
        reader.answer(question, pages: [page(lines)])
    }

    // MARK: Negation

    @Test func simpleNegation() {
        #expect(status(of: "pneumothorax", in: "No pneumothorax.") == [.absent])
        #expect(status(of: "pleural effusion", in: "Negative for pleural effusion.") == [.absent])
        #expect(status(of: "airspace disease", in: "The lungs are free of focal airspace disease.") == [.absent])
        #expect(status(of: "pneumonia", in: "Lungs are clear of pneumonia.") == [.absent])
        #expect(answer("Is there pneumothorax?", ["FINDINGS: No pneumothorax."])?.text == "no")
    }

    @Test func negationReachesEveryItemOfAList() {
        let mentions = reader.mentions(in: "No focal consolidation, suspicious pulmonary opacity, large pleural effusion, or pneumothorax is identified.")
        #expect(mentions.map(\.finding) == ["consolidation", "opacity", "pleural effusion", "pneumothorax"])
        #expect(mentions.allSatisfy { $0.status == .absent })
    }

    @Test func negationAfterTheFinding() {
        #expect(status(of: "pneumothorax", in: "Pneumothorax is not seen.") == [.absent])
        #expect(status(of: "pleural effusion", in: "The previously seen pleural effusion has resolved.") == [.absent])
        #expect(status(of: "nodule", in: "The nodule is no longer visualized.") == [.absent])
        #expect(status(of: "pneumonia", in: "Pneumonia is unlikely.") == [.absent])
    }

    @Test func negationEndsAtButAndAtTheSentenceEnd() {
        let text = "No pneumothorax but there is a small left pleural effusion. Cardiomegaly."
        #expect(status(of: "pneumothorax", in: text) == [.absent])
        #expect(status(of: "pleural effusion", in: text) == [.present])
        #expect(status(of: "cardiomegaly", in: text) == [.present])
        #expect(status(of: "cardiomegaly", in: "No pulmonary edema, however there is cardiomegaly.") == [.present])
    }

    @Test func notChangedIsNoNegation() {
        #expect(status(of: "calcified granuloma", in: "No change in the small calcified granuloma in the right upper lobe.") == [.present])
    }

    @Test func nonNegatesOnlyTheNextWord() {
        #expect(status(of: "nodule", in: "7 mm non-calcified nodule.") == [.present])
        #expect(status(of: "calcinosis", in: "7 mm non-calcified nodule.") == [.absent])
    }

    // MARK: Uncertainty

    @Test func hedgedFindingsAreUncertain() {
        #expect(status(of: "pleural effusion", in: "Possible small right pleural effusion.") == [.uncertain])
        #expect(status(of: "atelectasis", in: "Atelectasis cannot be excluded.") == [.uncertain])
        #expect(status(of: "pneumonia", in: "Right lower lobe opacity concerning for pneumonia.") == [.uncertain])
        #expect(status(of: "atelectasis", in: "The streaky opacities may represent atelectasis.") == [.uncertain])
        #expect(answer("Is there pneumonia?", ["IMPRESSION: Cannot exclude pneumonia."])?.text == "uncertain")
    }

    @Test func versusMakesBothSidesUncertain() {
        let mentions = reader.mentions(in: "Bibasilar atelectasis versus pneumonia.")
        #expect(mentions.map(\.status) == [.uncertain, .uncertain])
    }

    @Test func theOpacityItselfIsCertainWhenOnlyItsCauseIsHedged() {
        let text = "Left basilar opacity may represent atelectasis."
        #expect(status(of: "opacity", in: text) == [.present])
        #expect(status(of: "atelectasis", in: text) == [.uncertain])
    }

    /// "Likely" states the radiologist's reading of the image, so it is taken as present.
    @Test func likelyCountsAsPresent() {
        #expect(status(of: "atelectasis", in: "Opacity most likely represents atelectasis.") == [.present])
    }

    // MARK: Synonyms

    @Test func enlargedCardiacSilhouetteIsCardiomegaly() {
        #expect(answer("Is there cardiomegaly?", ["FINDINGS: Enlarged cardiac silhouette."])?.text == "yes")
        #expect(status(of: "cardiomegaly", in: "The heart is mildly enlarged.") == [.present])
        #expect(status(of: "cardiomegaly", in: "Cardiac enlargement.") == [.present])
    }

    @Test func normalHeartSizeIsNoCardiomegaly() {
        for sentence in ["Heart size is normal.", "Normal cardiac silhouette.", "The cardiac silhouette is not enlarged.",
                         "The heart is normal in size.", "Heart size within normal limits."] {
            #expect(status(of: "cardiomegaly", in: sentence) == [.absent], "\(sentence)")
        }
        let answer = answer("Is there cardiomegaly?", ["FINDINGS: Heart size is normal."])
        #expect(answer?.text == "no")
        #expect(answer?.evidence != nil)
    }

    @Test func relatedTermsNameTheFinding() {
        #expect(status(of: "pleural effusion", in: "Blunting of the right costophrenic angle.") == [.present])
        #expect(status(of: "pleural effusion", in: "Small effusions.") == [.present])
        #expect(status(of: "atelectasis", in: "Subsegmental atelectatic change.") == [.present])
        #expect(status(of: "scoliosis", in: "Dextroscoliosis of the thoracic spine.") == [.present])
        #expect(status(of: "hiatal hernia", in: "Moderate hiatus hernia.") == [.present])
        #expect(status(of: "bone fracture", in: "Healed left rib fractures.") == [.present])
        #expect(status(of: "pneumothorax", in: "No pneumothoraces.") == [.absent])
    }

    @Test func lookalikesAreOtherFindings() {
        #expect(status(of: "pleural effusion", in: "Large pericardial effusion.").isEmpty)
        #expect(status(of: "emphysema", in: "Subcutaneous emphysema in the neck.").isEmpty)
        let granuloma = "Calcified 5 mm right upper lobe granuloma."
        #expect(status(of: "calcified granuloma", in: granuloma) == [.present])
        #expect(status(of: "calcinosis", in: granuloma).isEmpty)
        #expect(status(of: "calcinosis", in: "Calcified mediastinal lymph nodes.") == [.present])
    }

    @Test func deidentifiedWordsAreUnknownWords() {
        #expect(status(of: "bone fracture", in: "No XXXX fractures.") == [.absent])
        #expect(status(of: "pleural effusion", in: "Blunting of the costophrenic XXXX.") == [.present])
    }

    // MARK: Sections

    @Test func findsSectionsWithAndWithoutColons() {
        let text = """
            EXAMINATION: Chest PA and lateral
            Indication: cough
            FINDINGS
            The heart is normal.
            No effusion.
            IMPRESSION No acute disease.
            History of smoking.
            """
        let sections = reader.sections(of: text)
        #expect(sections.map(\.name) == ["EXAMINATION", "INDICATION", "FINDINGS", "IMPRESSION"])
        #expect(sections[1].text == "cough")
        #expect(sections[2].text == "The heart is normal.\nNo effusion.")
        #expect(sections[3].text == "No acute disease.\nHistory of smoking.")
    }

    @Test func mentionsKnowTheirSection() {
        let mentions = reader.mentions(in: "FINDINGS: Small left effusion.\nIMPRESSION: Pleural effusion.")
        #expect(mentions.map(\.section) == ["FINDINGS", "IMPRESSION"])
        #expect(mentions.first?.sentence == "Small left effusion.")
    }

    @Test func theIndicationIsNoFinding() {
        let lines = ["INDICATION: Cough, evaluate for pneumonia.", "FINDINGS: The lungs are clear."]
        let mention = reader.mentions(in: lines.joined(separator: "\n")).first { $0.finding == "pneumonia" }
        #expect(mention?.section == "INDICATION")
        #expect(mention?.isCurrent == false)
        let answer = answer("Is there pneumonia?", lines)
        #expect(answer?.text == "no")
        #expect(answer?.evidence == nil)
    }

    @Test func aHistoryOfAFindingIsNotCurrent() {
        let mention = reader.mentions(in: "FINDINGS: History of pneumothorax. The lungs are clear.").first
        #expect(mention?.finding == "pneumothorax")
        #expect(mention?.isCurrent == false)
        #expect(answer("Is there a pneumothorax?", ["FINDINGS: History of pneumothorax."])?.text == "no")
    }

    // MARK: Answers

    @Test func anUnmentionedFindingIsPresumedAbsent() {
        let unmentioned = answer("Is there a hiatal hernia?", ["FINDINGS: No pneumothorax."])
        let denied = answer("Is there pneumothorax?", ["FINDINGS: No pneumothorax."])
        #expect(unmentioned?.text == "no")
        #expect(unmentioned?.evidence == nil)
        #expect(unmentioned!.confidence < denied!.confidence)
    }

    @Test func aStatedFindingOutweighsADenialElsewhere() {
        let answer = answer("Is there pleural effusion?", ["FINDINGS: No right pleural effusion.", "IMPRESSION: Small left pleural effusion."])
        #expect(answer?.text == "yes")
        #expect(answer?.evidence?.wordIndices == [6, 7, 8, 9])
    }

    @Test func evidencePointsAtTheDecidingSentence() {
        let lines = ["FINDINGS: Heart size is normal. There is a", "small left pleural effusion. No pneumothorax."]
        let answer = answer("Is there a pleural effusion?", lines)
        #expect(answer?.text == "yes")
        #expect(answer?.evidence?.page == 1)
        // "There is a" ends line 1 (words 5-7), "small left pleural effusion." starts line 2 (words 8-11).
        #expect(answer?.evidence?.wordIndices == [5, 6, 7, 8, 9, 10, 11])
        #expect(answer?.evidence?.box == Box(x0: 0, y0: 0, x1: 470, y1: 32))
        #expect(answer!.confidence > 0 && answer!.confidence <= 1)
    }

    @Test func evidenceIsOnThePageOfTheSentence() {
        let pages = [page(["FINDINGS: The lungs are clear."], number: 1), page(["IMPRESSION: Mild cardiomegaly."], number: 2)]
        let answer = reader.answer("Is there cardiomegaly?", pages: pages)
        #expect(answer?.text == "yes")
        #expect(answer?.evidence?.page == 2)
        #expect(answer?.evidence?.wordIndices == [1, 2])
    }

    @Test func readsTheUsualWaysOfAsking() {
        let lines = ["FINDINGS: Small right pleural effusion."]
        for question in ["Is there a pleural effusion?", "Any pleural effusions?", "Does the patient have a pleural effusion?",
                         "Is pleural effusion present?", "Evidence of pleural effusion?", "Is there evidence of pleural fluid?",
                         "Are there pleural effusions?", "Is there a pleural effusion on the right?"] {
            #expect(answer(question, lines)?.text == "yes", "\(question)")
        }
        #expect(answer("Does the patient have an enlarged heart?", ["Cardiomegaly."])?.text == "yes")
        #expect(answer("Is there a bone fracture?", ["Healed rib fracture."])?.text == "yes")
    }

    @Test func otherQuestionsAreNotAnswered() {
        let lines = ["FINDINGS: Small right pleural effusion."]
        #expect(answer("What is the total?", lines) == nil)
        #expect(answer("Who signed the report?", lines) == nil)
        #expect(answer("Is there a signature?", lines) == nil)
    }
}
