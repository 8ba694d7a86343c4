import DocketFixtures
import DocketModel
import Testing
@testable import DocketAnswer

@Suite struct CheckboxAnswererTests {
    /// A grid page whose first line is "Urgent New patient": a ticked box before "Urgent" and an
    /// empty one before "New patient".
    static var form: Page {
        var page = gridPage(["Urgent New patient", "Name: Jane Doe"])
        let urgent = Checkbox(box: Box(x0: -14, y0: 0, x1: -4, y1: 10), isChecked: true, fillRatio: 0.45,
                              labelWordIndices: [0], labelText: "Urgent", labelBox: page.words[0].box)
        let newPatient = Checkbox(box: Box(x0: 46, y0: 0, x1: 56, y1: 10), isChecked: false, fillRatio: 0.01,
                                  labelWordIndices: [1, 2], labelText: "New patient", labelBox: page.words[1].box.union(page.words[2].box))
        page.layout = PageLayout(checkboxes: [urgent, newPatient])
        return page
    }

    @Test(arguments: [
        ("Is the box 'urgent' ticked?", "yes"), ("Is 'Urgent' checked?", "yes"), ("urgent ticked?", "yes"),
        ("Is the “New patient” box checked?", "no"), ("Is new patient marked?", "no"), ("Is the box 'new patient' selected?", "no"),
        ("Is 'Urgen' ticked?", "yes"), ("Is 'New' ticked?", "no"),
    ])
    func answersYesOrNoFromTheBoxNamedInTheQuestion(question: String, expected: String) throws {
        let answer = try #require(CheckboxAnswerer().answer(question, pages: [Self.form]))
        #expect(answer.text == expected)
        let evidence = try #require(answer.evidence)
        #expect(evidence.page == 1)
        let checkbox = try #require(Self.form.layout?.checkboxes.first { $0.isChecked == (expected == "yes") })
        #expect(evidence.box.union(checkbox.box) == evidence.box)
        #expect(!evidence.wordIndices.isEmpty)
    }

    @Test func aLabelThatNoCheckboxHasIsNotFound() throws {
        let answer = try #require(CheckboxAnswerer().answer("Is the box 'insured' ticked?", pages: [Self.form]))
        #expect(!answer.isFound)
    }

    @Test(arguments: ["What is the name?", "Which box is ticked?", "Is there pleural effusion?", "Name:"])
    func otherQuestionsAreLeftToTheOtherAnswerers(question: String) {
        #expect(CheckboxAnswerer().answer(question, pages: [Self.form]) == nil)
    }

    @Test func aDocumentReadBeforeLayoutsIsLeftToTheOtherAnswerers() {
        #expect(CheckboxAnswerer().answer("Is 'urgent' ticked?", pages: [gridPage(["Urgent: yes"])]) == nil)
    }

    @Test func aDocumentWithoutCheckboxesHasNoTickedBox() throws {
        var page = gridPage(["Copy paper, box of 2500 sheets"])
        page.layout = PageLayout()
        let answer = try #require(CheckboxAnswerer().answer("Is the box 'urgent' ticked?", pages: [page]))
        #expect(!answer.isFound)
    }

    @Test func theDocumentAnswererAsksTheCheckboxesFirst() {
        #expect(DocumentAnswerer().answer("Is 'Urgent' checked?", pages: [Self.form]).text == "yes")
        #expect(DocumentAnswerer().answer("Name:", pages: [Self.form]).text == "Jane Doe")
    }
}
