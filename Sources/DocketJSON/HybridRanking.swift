import DocketEncoder
import DocketStore

/// `search --semantic` and the API's semantic search: the keyword (BM25) ranking of pages fused with their ranking by the cosine
/// of the query's vector and each page's nearest passage, by reciprocal rank fusion.
public enum HybridRanking {
    /// Reciprocal rank fusion's constant: a page at place r (from 1) in a ranking scores 1 / (k + r).
    public static let fusionConstant = 60.0
    /// Keyword hits taken into the fusion, however few pages are shown.
    public static let keywordCandidates = 100

    struct PageKey: Hashable {
        var document: Int64
        var page: Int
    }

    public static func fuse(keywordHits: [SearchHit], queryVector: [Float], passages: [StoredPassageVector], limit: Int) -> [SemanticSearchHitResource] {
        var nearest: [PageKey: (similarity: Float, vector: StoredPassageVector)] = [:]
        for candidate in passages {
            let key = PageKey(document: candidate.documentID, page: candidate.passageVector.page)
            let similarity = cosineSimilarity(queryVector, candidate.passageVector.vector)
            if similarity > nearest[key]?.similarity ?? -.infinity { nearest[key] = (similarity, candidate) }
        }
        let vectorRanking = nearest.sorted { a, b in
            a.value.similarity != b.value.similarity ? a.value.similarity > b.value.similarity
                : (a.key.document, a.key.page) < (b.key.document, b.key.page)
        }.map(\.key)

        var scores: [PageKey: Double] = [:]
        var keywordRanks: [PageKey: (rank: Int, hit: SearchHit)] = [:]
        for (position, hit) in keywordHits.enumerated() {
            let key = PageKey(document: hit.documentID, page: hit.page)
            guard keywordRanks[key] == nil else { continue }
            keywordRanks[key] = (position + 1, hit)
            scores[key, default: 0] += 1 / (fusionConstant + Double(position + 1))
        }
        for (position, key) in vectorRanking.enumerated() {
            scores[key, default: 0] += 1 / (fusionConstant + Double(position + 1))
        }

        let ranked = scores.sorted { a, b in
            a.value != b.value ? a.value > b.value : (a.key.document, a.key.page) < (b.key.document, b.key.page)
        }.prefix(limit)
        return ranked.map { key, score in
            let keyword = keywordRanks[key]
            let near = nearest[key]
            let snippet = keyword.map { SearchHitResource(from: $0.hit).snippet }
                ?? near.map { $0.vector.passageVector.passage.text.split(whereSeparator: \.isNewline).joined(separator: " ") } ?? ""
            return SemanticSearchHitResource(
                documentID: key.document, documentName: keyword?.hit.documentName ?? near?.vector.documentName ?? "",
                documentType: keyword?.hit.documentType ?? near?.vector.documentType, page: key.page, snippet: snippet, score: score,
                keywordRank: keyword?.rank, similarity: near.map { (Double($0.similarity) * 10_000).rounded() / 10_000 }, box: near?.vector.passageVector.passage.box)
        }
    }
}

extension EncoderModel {
    /// The vectors `docket index`, `worker --embed` and both semantic searches store and compare:
    /// those of the installed sentence encoder.
    public static let sentenceEncoder = EncoderModel(name: SentenceEncoder.modelName, dimension: SentenceEncoder.dimension)
}
