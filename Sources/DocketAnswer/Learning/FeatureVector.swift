/// The features a linear model weighs, each declared once as a case: the case's name is the
/// feature's name in the model's JSON and in the trainer, its raw value (0, 1, 2... in the order
/// of declaration) its place in a `FeatureVector`.
public protocol FeatureName: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == Int {}

extension FeatureName {
    public var name: String { String(describing: self) }

    /// Every feature's name, in the order of a vector's values.
    public static var names: [String] { allCases.map(\.name) }
}

/// What is known about one candidate answer, as numbers a linear score can weigh: one value for
/// each feature `Name` declares, all starting at 0.
public struct FeatureVector<Name: FeatureName>: Sendable, Hashable {
    /// In the order of `Name.allCases`, as `Name.names` names them.
    public private(set) var values: [Double]

    public init() {
        values = Array(repeating: 0, count: Name.allCases.count)
    }

    /// Features from values in the order of `Name.names`.
    public init(values: [Double]) {
        precondition(values.count == Name.allCases.count, "\(values.count) values for \(Name.allCases.count) features")
        self.values = values
    }

    public subscript(feature: Name) -> Double {
        get { values[feature.rawValue] }
        set { values[feature.rawValue] = newValue }
    }
}

extension FeatureVector: ExpressibleByDictionaryLiteral {
    /// The features listed; any other is 0.
    public init(dictionaryLiteral elements: (Name, Double)...) {
        self.init()
        for (feature, value) in elements { self[feature] = value }
    }
}
