import DocketModel
import DocketReport
import DocketStore

/// What each resource looks like in a response body: one shape per resource, the same wherever
/// it appears.
enum Representation {
    static func job(_ job: JobRecord) -> JobRecord { job }
    static func receipt(_ receipt: SubmitReceipt) -> SubmitReceipt { receipt }
    static func document(_ summary: DocumentSummary) -> DocumentSummary { summary }
    static func page(_ page: Page) -> Page { page }
    static func answer(_ answer: Answer) -> Answer { answer }
    static func field(_ row: FieldRow) -> FieldRow { row }
    static func searchHit(_ hit: SearchHit) -> SearchHit { hit }
    static func study(_ study: Study) -> Study { study }
    static func report(_ report: DocumentReport) -> DocumentReport { report }
}
