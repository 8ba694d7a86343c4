import DocketModel
import Foundation

/// Answers whether a checkbox is ticked, from the checkboxes the page's layout found: "yes" or
/// "no", with the box and its label as evidence.
public struct CheckboxAnswerer: Sendable {
    /// How alike the asked label and a checkbox's label must be (1 - edit distance / length).
    static let sameLabel = 0.75

    public init() {}

    /// Nil when the question is not about a box being ticked, or no page's layout was analysed
    /// (a document read before Docket found checkboxes); not found when no checkbox's label
    /// matches the question's: a value found elsewhere on the page does not say whether a box is ticked.
    public func answer(_ question: String, pages: [Page]) -> Answer? {
        answer(question, pages: pages, recorder: nil)
    }

    func answer(_ question: String, pages: [Page], recorder: ExplanationRecorder?) -> Answer? {
        guard let asked = CheckboxQuestion(question), pages.contains(where: { $0.layout != nil }) else {
            recorder?.report(.checkbox, detail: CheckboxQuestion(question) == nil
                ? "not a question about a box being ticked" : "no page's layout was analysed for checkboxes")
            return nil
        }
        var best: (page: Page, checkbox: Checkbox, similarity: Double)?
        var considered: [(page: Page, checkbox: Checkbox, similarity: Double)] = []
        for page in pages {
            for checkbox in page.layout?.checkboxes ?? [] {
                let similarity = Self.similarity(asked.label, CheckboxQuestion.tokens(checkbox.labelText.lowercased()).joined(separator: " "))
                if recorder != nil { considered.append((page, checkbox, similarity)) }
                if similarity > best?.similarity ?? 0 { best = (page, checkbox, similarity) }
            }
        }
        if let recorder {
            let candidates = Explaining.ranked(considered, scores: considered.map(\.similarity)) { found, similarity in
                AnswerExplanation.Candidate(
                    text: found.checkbox.isChecked ? "yes" : "no", context: found.checkbox.labelText, score: similarity,
                    evidence: Evidence(page: found.page.number, box: Self.boxWithLabel(found.checkbox), wordIndices: found.checkbox.labelWordIndices))
            }
            let detail = best.map { best in
                "most alike checkbox label \"\(best.checkbox.labelText)\" at \(Explaining.number(best.similarity)) "
                    + (best.similarity >= Self.sameLabel ? ">=" : "<") + " \(Self.sameLabel) needed; filled "
                    + "\(Explaining.number(best.checkbox.fillRatio)), so \(best.checkbox.isChecked ? "ticked" : "not ticked")"
            } ?? "no checkbox's label is like the question's"
            recorder.report(.checkbox, candidates: candidates, detail: detail)
        }
        guard let best, best.similarity >= Self.sameLabel else { return .notFound(question) }
        let box = Self.boxWithLabel(best.checkbox)
        // A fill close to the threshold between empty and ticked is less sure.
        let clarity = min(1, abs(best.checkbox.fillRatio - 0.1) / 0.1)
        return Answer(question: question, text: best.checkbox.isChecked ? "yes" : "no",
                      confidence: best.similarity * (0.6 + 0.35 * clarity),
                      evidence: Evidence(page: best.page.number, box: box, wordIndices: best.checkbox.labelWordIndices))
    }

    static func boxWithLabel(_ checkbox: Checkbox) -> Box {
        checkbox.labelBox.map { $0.union(checkbox.box) } ?? checkbox.box
    }

    /// 1 for the same words; a label asked by its first words ("referral" for "Referral attached")
    /// counts almost as much.
    static func similarity(_ asked: String, _ label: String) -> Double {
        guard !asked.isEmpty, !label.isEmpty else { return 0 }
        let whole = 1 - Double(AnswerScoring.levenshtein(Array(asked), Array(label))) / Double(max(asked.count, label.count))
        let prefix = label.count > asked.count ? String(label.prefix(asked.count)) : label
        // Only whole leading words count when the asked label is short: "new" is not "news".
        let leading = label.hasPrefix(asked + " ")
            ? 0.85 : asked.count < 4 ? 0 : 0.85 * (1 - Double(AnswerScoring.levenshtein(Array(asked), Array(prefix))) / Double(asked.count))
        return max(whole, label.count > asked.count ? leading : 0)
    }
}
