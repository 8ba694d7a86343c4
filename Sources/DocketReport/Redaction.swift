import DocketAnswer
import DocketModel
import Foundation

/// Finds the words of a written report that identify its patient, to paint them over when
/// identifiers are to be hidden: the values the study's DICOM files give (name, ID, birth date,
/// accession number) wherever they stand, and the values of labels such as "Patient:" or "MRN:".
public enum Redaction {
    public static func identifyingValues(_ dicom: DICOMAttributes) -> [String] {
        var values: [String] = []
        if let name = dicom.patientName { values += name.split(separator: " ").map(String.init) }
        values += [dicom.patientID, dicom.accessionNumber, dicom.studyID, dicom.studyInstanceUID].compactMap { $0 }
        if let birth = dicom.patientBirthDate { values += [birth, birth.replacingOccurrences(of: "-", with: "")] }
        return values.filter { $0.count >= 2 }
    }

    public static func boxes(on page: Page, identifiers: [String]) -> [Box] {
        let wanted = Set(identifiers.map(normalized))
        var indices = Set(page.words.indices.filter { wanted.contains(normalized(page.words[$0].text)) })
        for pair in page.layout?.keyValues ?? [] {
            let label = pair.keyText.lowercased()
            if identifyingLabels.contains(where: label.contains) { indices.formUnion(pair.valueWordIndices) }
        }
        return indices.sorted().map { page.words[$0].box }
    }

    /// The report without what identifies its patient: labelled values under identifying labels or
    /// holding an identifier are left out, and any other text holding one is replaced by `hidden`.
    public static func redact(_ report: DocumentReport, identifiers: [String], hidden: String = "(hidden)") -> DocumentReport {
        let wanted = Set(identifiers.map(normalized))
        func identifies(_ text: String) -> Bool {
            text.split(whereSeparator: \.isWhitespace).contains { wanted.contains(normalized(String($0))) }
        }
        func masked(_ text: String) -> String { identifies(text) ? hidden : text }
        var redacted = report
        redacted.keyValues = report.keyValues.filter { pair in
            !identifyingLabels.contains(where: pair.key.lowercased().contains) && !identifies(pair.value)
        }
        redacted.summary = report.summary.map { item in
            var item = item
            item.text = masked(item.text)
            return item
        }
        redacted.fields = report.fields.map { field in
            var field = field
            field.answer.text = field.answer.text.map(masked)
            return field
        }
        redacted.answers = report.answers.map { answer in
            var answer = answer
            answer.text = answer.text.map(masked)
            return answer
        }
        redacted.sections = report.sections.map { ReportSection(name: $0.name, text: masked($0.text)) }
        return redacted
    }

    private static let identifyingLabels = ["patient", "name", "mrn", "birth", "dob", "accession", "medical record", "ssn"]

    /// Lower case, without surrounding punctuation or a possessive ("Doe's" is "doe").
    private static func normalized(_ text: String) -> String {
        var word = text.lowercased().trimmingCharacters(in: .punctuationCharacters.union(.whitespaces))
        for possessive in ["'s", "’s"] where word.hasSuffix(possessive) { word.removeLast(2) }
        return word
    }
}
