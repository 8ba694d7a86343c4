import DocketJSON
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Response bodies as JSON, in Docket's one convention (`DocketJSON`).
enum JSONResponse {
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try DocketJSON.encoder.encode(value))))
    }
}

/// A page of a list, and the cursor that fetches the next (null on the last page).
struct ListPage<Item: Encodable>: Encodable {
    var items: [Item]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case items, nextCursor = "next_cursor"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
