@testable import DocketAnswer
import Testing

@Suite struct FeatureVectorTests {
    private func indexedInOrder<Name: FeatureName>(_: Name.Type) -> Bool {
        Name.allCases.map(\.rawValue) == Array(0..<Name.allCases.count)
    }

    @Test func everyFeatureListIsIndexedInTheOrderItIsDeclared() {
        #expect(indexedInOrder(KeyValueFeature.self))
        #expect(indexedInOrder(ReceiptFeature.self))
        #expect(indexedInOrder(OpenQuestionAnswerer.SpanFeature.self))
        #expect(indexedInOrder(OpenQuestionAnswerer.CalibrationFeature.self))
    }

    @Test func aFeatureIsNamedAsDeclared() {
        #expect(KeyValueFeature.labelSimilarity.name == "labelSimilarity")
        #expect(ReceiptFeature.names.first == "lineRank")
        #expect(OpenQuestionAnswerer.CalibrationFeature.names == ["spanScore"])
    }

    @Test func theOpenQuestionsModelWeighsExactlyItsFeature() {
        let model: LinearModel = TrainedModels.load("open-questions")
        #expect(Set(model.weights.keys) == Set(OpenQuestionAnswerer.CalibrationFeature.names))
    }

    @Test func featuresNotListedStartAtZero() {
        let features: ReceiptFeatures = [.totalCue: 1, .relativeValue: 0.5]
        #expect(features[.totalCue] == 1 && features[.relativeValue] == 0.5 && features[.grandCue] == 0)
        #expect(features.values.count == ReceiptFeature.allCases.count)
    }
}
