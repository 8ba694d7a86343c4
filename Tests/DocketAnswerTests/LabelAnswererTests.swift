import DocketAnswer
import DocketFixtures
import DocketModel
import Testing

private func page(_ lines: [String], number: Int = 1) -> Page { gridPage(lines, number: number) }

@Suite struct LabelAnswererTests {
    let answerer = LabelAnswerer()

    @Test func readsTheValueRightOfTheLabel() {
        let answer = answerer.answer("What is the total due?", pages: [page(["Subtotal: 1,040.00", "Total due: 1,237.60 EUR"])])
        #expect(answer.text == "1,237.60 EUR")
        #expect(answer.evidence?.page == 1)
        #expect(answer.evidence?.wordIndices == [4, 5])
        #expect(answer.evidence?.box == Box(x0: 120, y0: 20, x1: 230, y1: 32))
    }

    @Test func readsTheValueBelowALabelThatEndsItsLine() {
        let answer = answerer.answer("Invoice number", pages: [page(["Invoice number", "NW-2026-0314"])])
        #expect(answer.text == "NW-2026-0314")
    }

    @Test func prefersTheLineThatHoldsMoreOfTheKey() {
        let answer = answerer.answer("What is the total due?", pages: [page(["Due date: 2026-04-13", "Total due: 99.00"])])
        #expect(answer.text == "99.00")
    }

    @Test func findsTheFieldWordInsideALongerQuestion() {
        let answer = answerer.answer("How many packages were delivered?", pages: [page(["Total packages: 7"])])
        #expect(answer.text == "7")
    }

    @Test func skipsFillerWordsInsideTheLabel() {
        let answer = answerer.answer("What is the date of birth?", pages: [page(["Date of birth: 1984-07-02", "Date signed: 2026-03-11"])])
        #expect(answer.text == "1984-07-02")
    }

    @Test func pointsAtTheRightPage() {
        let answer = answerer.answer("Total", pages: [page(["Nothing here"], number: 1), page(["Total: 5.00"], number: 2)])
        #expect(answer.evidence?.page == 2)
    }

    @Test func saysNotFoundRatherThanGuess() {
        let answer = answerer.answer("What is the total?", pages: [page(["Dear Sir", "Kind regards"])])
        #expect(!answer.isFound)
        #expect(answer.evidence == nil)
        #expect(answer.confidence == 0)
    }

    @Test func aQuestionOfOnlyQuestionWordsIsNotFound() {
        #expect(!answerer.answer("What is it?", pages: [page(["What is it? Nothing"])]).isFound)
    }

    @Test func confidenceStaysBetweenZeroAndOne() {
        let answer = answerer.answer("Total", pages: [page(["Total: 5.00"])])
        #expect(answer.confidence > 0 && answer.confidence <= 1)
    }
}
