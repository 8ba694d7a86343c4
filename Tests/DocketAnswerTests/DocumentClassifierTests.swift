import DocketAnswer
import DocketFixtures
import DocketModel
import Testing

@Suite struct DocumentClassifierTests {
    let classifier = DocumentClassifier()

    @Test func tellsTheKindsOfDocumentApart() {
        #expect(classifier.classify([gridPage(["FINDINGS: No pleural effusion.", "IMPRESSION: Normal chest."])]) == .medicalReport)
        #expect(classifier.classify([gridPage([
            "Northwind Office Supply", "INVOICE", "Invoice number: NW-1", "Invoice date: 2026-03-14", "Due date: 2026-04-13",
            "Total due: 1,237.60 EUR",
        ])]) == .invoice)
        #expect(classifier.classify([gridPage([
            "KEDAI RUNCIT SDN BHD", "TAX INVOICE", "Invoice No: 1234", "2 x Teh 3.00", "TOTAL 3.00", "CASH 5.00", "CHANGE 2.00",
            "Thank you, please come again",
        ])]) == .receipt)
        #expect(classifier.classify([gridPage([
            "12 February 2026", "Dear Ms Keller,", "thank you for your letter.", "Yours sincerely,", "Jan Brandt",
        ])]) == .letter)
        #expect(classifier.classify([gridPage([
            "Name:", "Date of birth:", "Address:", "Phone:", "Signature:", "Please print clearly",
        ])]) == .form)
        #expect(classifier.classify([gridPage(["Call me maybe"])]) == .other)
        #expect(classifier.classify([]) == .other)
    }

    @Test func aReceiptsStandardFieldsAreReadWithTheirValues() {
        let receipt = [gridPage([
            "KEDAI RUNCIT SDN BHD", "Date: 02/03/2026", "2 x Teh 3.00", "TOTAL RM 3.00", "CASH 5.00", "CHANGE 2.00", "Thank you",
        ])]
        let (type, fields) = StandardFields().read(receipt)
        #expect(type == .receipt)
        #expect(fields.map(\.name) == ["vendor", "date", "address", "total"])
        #expect(fields.first { $0.name == "total" }?.answer.value == NormalizedValue(kind: .amount, text: "3.00", unit: "MYR"))
        #expect(fields.first { $0.name == "date" }?.answer.value?.text == "2026-03-02")
    }
}
