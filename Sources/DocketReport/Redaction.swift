import DocketAnswer
import DocketModel
import Foundation

/// Hides what identifies a patient in a report: every word that writes an identifier, in every
/// part of the report, and the boxes of those words on the pages.
public enum Redaction {
    public static let hidden = "(hidden)"

    /// What identifies the patient: the DICOM attributes given, and the values the pages give under
    /// labels such as "Patient:", "MRN" or "DOB".
    public static func identifiers(dicom: [DICOMAttributes], pages: [Page]) -> PatientIdentifiers {
        var identifiers = IdentifyingLabels.identifiers(in: pages)
        for attributes in dicom { identifiers.formUnion(PatientIdentifiers(dicom: attributes)) }
        return identifiers
    }

    /// The boxes to paint over on the page: its words that write an identifier, and the values of
    /// its labelled pairs whose label names one.
    public static func boxes(on page: Page, identifiers: PatientIdentifiers) -> [Box] {
        var indices = identifiers.identifyingIndices(of: page.words.map(\.text))
        for pair in page.layout?.keyValues ?? [] where isIdentifyingLabel(pair.keyText) {
            indices.formUnion(pair.valueWordIndices.filter(page.words.indices.contains))
        }
        return indices.sorted().map { page.words[$0].box }
    }

    /// The report with every identifying word replaced by `hidden`, and the values of identifying
    /// labels hidden whole; everything else as it was.
    public static func redact(_ report: DocumentReport, identifiers: PatientIdentifiers, hidden: String = hidden) -> DocumentReport {
        func masked(_ text: String) -> String { identifiers.redact(text, hidden: hidden) }
        func masked(_ value: NormalizedValue?) -> NormalizedValue? { value.flatMap { identifiers.identifies($0.text) ? nil : $0 } }
        func masked(_ answer: Answer) -> Answer {
            var answer = answer
            answer.question = masked(answer.question)
            answer.text = answer.text.map(masked)
            answer.value = masked(answer.value)
            return answer
        }
        var redacted = report
        redacted.summary = report.summary.map { item in
            var item = item
            item.text = masked(item.text)
            item.value = masked(item.value)
            return item
        }
        redacted.fields = report.fields.map { DocumentReport.Field(name: $0.name, answer: masked($0.answer)) }
        redacted.answers = report.answers.map(masked)
        redacted.keyValues = report.keyValues.map { pair in
            var pair = pair
            pair.value = isIdentifyingLabel(pair.key) ? hidden : masked(pair.value)
            return pair
        }
        redacted.tables = report.tables.map { table in
            var table = table
            let identifyingColumns = Set((table.rows.first ?? []).indices.filter { IdentifyingLabels.kind(ofLabel: table.rows[0][$0]) != nil })
            table.rows = table.rows.enumerated().map { number, row in
                row.enumerated().map { column, cell in number > 0 && identifyingColumns.contains(column) && !cell.isEmpty ? hidden : masked(cell) }
            }
            return table
        }
        redacted.checkboxes = report.checkboxes.map { checkbox in
            var checkbox = checkbox
            checkbox.label = masked(checkbox.label)
            return checkbox
        }
        redacted.sections = report.sections.map { ReportSection(name: $0.name, text: masked($0.text)) }
        redacted.findings = report.findings.map { finding in
            var finding = finding
            finding.sentence = masked(finding.sentence)
            return finding
        }
        return redacted
    }

    static func isIdentifyingLabel(_ label: String) -> Bool {
        IdentifyingLabels.kind(ofLabel: label) != nil || identifyingLabelWords.contains(where: label.lowercased().contains)
    }

    private static let identifyingLabelWords = ["patient", "name", "mrn", "birth", "dob", "accession", "medical record", "ssn"]
}
