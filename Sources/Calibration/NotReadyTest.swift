import Measures

/// Agents not ready while present, tested against the log (`LogFit`): the fitted
/// scenario with presence only and with the not-ready spells as absence, each replayed on
/// the log's days with their own volume and agents; the closer is written.
public struct NotReadyTest: Sendable {
    public struct Candidate: Sendable {
        public var name: String
        /// Mean over the log's days of simulated − observed, with its 95 % interval.
        public var serviceLevelBias: ConfidenceInterval?
        public var pWaitBias: ConfidenceInterval?
        /// |service level bias| + |P(wait) bias| (fractions): smaller is closer.
        public var score: Double {
            abs(serviceLevelBias?.mean ?? .infinity) + abs(pWaitBias?.mean ?? .infinity)
        }

        public init(name: String, serviceLevelBias: ConfidenceInterval?, pWaitBias: ConfidenceInterval?) {
            self.name = name
            self.serviceLevelBias = serviceLevelBias
            self.pWaitBias = pWaitBias
        }
    }
    public var candidates: [Candidate]
    public var chosen: Int
    public var days: Int
    public var replicationsPerDay: Int

    public init(candidates: [Candidate], chosen: Int, days: Int, replicationsPerDay: Int) {
        self.candidates = candidates
        self.chosen = chosen
        self.days = days
        self.replicationsPerDay = replicationsPerDay
    }
}
