/// What a report says about a finding.
public enum FindingStatus: String, Codable, Sendable {
    case present = "yes"
    case absent = "no"
    case uncertain
}
