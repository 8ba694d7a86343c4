import DocketFixtures
import DocketAnswer
import DocketModel
import Foundation
import Testing

/// Questions whose right candidate is told apart by its first feature, as a trainer should find;
/// the second feature is noise from a fixed-seed generator, so the set is the same on every run.
private func generatedExamples(count: Int) -> [RankingExample] {
    var state: UInt64 = 42
    func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
    return (0..<count).map { question in
        let right = question % 4
        let candidates = (0..<4).map { candidate in
            [candidate == right ? 0.6 + 0.4 * next() : 0.5 * next(), next(), 1]
        }
        let qualities = (0..<4).map { $0 == right ? 1.0 : 0.2 * next() }
        return RankingExample(document: "document-\(question / 3)", candidates: candidates, qualities: qualities)
    }
}

/// Questions whose candidates differ only in noise: any weights fitted to them fit the noise.
private func noiseExamples(count: Int, features: Int, seed: UInt64) -> [RankingExample] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { question in
        let candidates = (0..<4).map { _ in (0..<features).map { _ in Double(generator.next() % 1000) / 1000 } }
        let qualities = (0..<4).map { _ in generator.next() % 4 == 0 ? 1.0 : 0.0 }
        return RankingExample(document: "document-\(question / 2)", candidates: candidates, qualities: qualities)
    }
}

@Suite struct TrainingTests {
    let trainer = RankingTrainer(names: ["signal", "noise", "constant"])

    @Test func theSameExamplesGiveTheSameFileByteForByte() throws {
        let first = try encodeModels(trainer.fit(generatedExamples(count: 60)))
        let second = try encodeModels(trainer.fit(generatedExamples(count: 60)))
        #expect(first == second)
        #expect(try JSONDecoder().decode(LinearModel.self, from: first) == trainer.fit(generatedExamples(count: 60)))
    }

    @Test func theWeightsFavourTheFeatureThatMarksTheRightCandidate() {
        let model = trainer.fit(generatedExamples(count: 60))
        #expect(model.weights["signal"]! > 1)
        #expect(abs(model.weights["noise"]!) < model.weights["signal"]! / 2)
        #expect(trainer.score(model, on: generatedExamples(count: 60)).anls > 0.9)
    }

    @Test func crossValidationHoldsOutWholeDocuments() {
        let held = trainer.crossValidate(generatedExamples(count: 60), folds: 5)
        #expect(held.questions == 60)
        #expect(held.anls > 0.8)
    }

    @Test func confidenceCalibratedOutOfFoldDoesNotBelieveFittedNoise() {
        let names = (0..<24).map { "noise\($0)" }
        let trainer = RankingTrainer(names: names)
        let training = noiseExamples(count: 80, features: names.count, seed: 7)
        let fresh = noiseExamples(count: 400, features: names.count, seed: 8)
        func meanConfidence(_ model: LinearModel) -> Double {
            let vector = model.vector(for: names)
            let confidences = fresh.compactMap { example in
                model.calibration.choose(example.candidates.map { zip(vector, $0).reduce(0) { $0 + $1.0 * $1.1 } }, threshold: 0)?.confidence
            }
            return confidences.reduce(0, +) / Double(confidences.count)
        }
        let onItself = trainer.fit(training)
        let outOfFold = trainer.fit(training, calibrationFolds: 5)
        #expect(onItself.weights == outOfFold.weights)
        // A quarter of the candidates are right, whichever is chosen.
        #expect(abs(meanConfidence(outOfFold) - 0.25) < 0.1)
        #expect(meanConfidence(onItself) > meanConfidence(outOfFold) + 0.1)
    }

    @Test func confidenceRisesWithTheScoreAndTheLead() {
        let calibration = trainer.fit(generatedExamples(count: 60)).calibration
        let scores = stride(from: -5.0, through: 5.0, by: 0.5)
        let confidences = scores.map { calibration.probability(score: $0, margin: 1) }
        #expect(zip(confidences, confidences.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(calibration.probability(score: 1, margin: 0) <= calibration.probability(score: 1, margin: 2))
        #expect(confidences.allSatisfy { (0...1).contains($0) })
    }

    @Test func keyValueCandidatesOfGeneratedFormsTrainTheSameWayTwice() throws {
        let form = gridPage(["Name: Ada Lovelace", "Date: 10/12/1815", "Phone: 555 0100 Fax: 555 0101", "Signed:"])
        let labelled = [("Name:", "Ada Lovelace"), ("Date:", "10/12/1815"), ("Phone:", "555 0100"), ("Fax:", "555 0101")]
        func examples() -> [RankingExample] {
            labelled.map { question, truth in
                let candidates = KeyValueAnswerer.candidates(for: question, pages: [form])
                return RankingExample(
                    document: question, candidates: candidates.map(\.features.scoredValues),
                    qualities: candidates.map { AnswerScoring.anls($0.text, answers: [truth]) })
            }
        }
        let trainer = RankingTrainer(names: KeyValueFeature.scoredNames)
        #expect(try encodeModels(trainer.fit(examples())) == encodeModels(trainer.fit(examples())))
    }
}

@Suite struct TrainedModelTests {
    @Test func theKeyValueModelWeighsExactlyItsFeatures() {
        let model: LinearModel = TrainedModels.load("key-value")
        #expect(Set(model.weights.keys) == Set(KeyValueFeature.scoredNames))
        #expect(KeyValueFeature.names.count == Set(KeyValueFeature.names).count)
        #expect(KeyValueFeature.scoredNames.count == Set(KeyValueFeature.scoredNames).count)
        let weights = KeyValueWeights(model: model)
        #expect(weights.weights == model.vector(for: KeyValueFeature.scoredNames))
    }

    @Test func theReceiptModelsWeighExactlyTheirFeatures() {
        let models: [String: LinearModel] = TrainedModels.load("receipt-fields")
        #expect(Set(models.keys) == Set(ReceiptField.allCases.map(\.rawValue)))
        for model in models.values {
            #expect(Set(model.weights.keys) == Set(ReceiptFeature.names))
            #expect((0...1).contains(model.threshold))
        }
        #expect(ReceiptFeature.names.count == Set(ReceiptFeature.names).count)
    }

    @Test func everyTrainedConfidenceRisesWithTheScore() {
        let receipts: [String: LinearModel] = TrainedModels.load("receipt-fields")
        let models = [TrainedModels.load("key-value"), TrainedModels.load("open-questions")] + receipts.values
        for model in models {
            let knots = model.calibration.isotonic
            #expect(zip(knots, knots.dropFirst()).allSatisfy { $0[0] <= $1[0] && $0[1] <= $1[1] })
            let confidences = stride(from: -20.0, through: 40.0, by: 0.25).map {
                model.calibration.probability(score: $0, margin: 1)
            }
            #expect(zip(confidences, confidences.dropFirst()).allSatisfy { $0 <= $1 })
            #expect(confidences.allSatisfy { (0...1).contains($0) })
        }
    }

    @Test func featuresRoundTripThroughTheirValues() {
        var features = KeyValueFeatures()
        features[.gap] = 0.3
        features[.checkMark] = 1
        #expect(KeyValueFeatures(values: features.values) == features)
    }

    @Test func pairsOfFeaturesAreScoredAsTheirProducts() {
        var features = KeyValueFeatures()
        features[.gap] = 0.3
        features[.belowLabel] = 1
        let scored = Dictionary(uniqueKeysWithValues: zip(KeyValueFeature.scoredNames, features.scoredValues))
        #expect(scored["gap"] == 0.3)
        #expect(scored["belowLabel & gap"] == 0.3)
        #expect(scored["checkMark & gap"] == 0)
        #expect(scored.count == KeyValueFeature.names.count * (KeyValueFeature.names.count + 1) / 2)
    }
}
