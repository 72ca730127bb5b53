import Measures

/// What measured callers did in the IVR, node by node: their stays (how many, how long),
/// where they left it (hung up, resolved in self-service) and their moves from node to
/// node, including the dynamic menu's jump from the offer to a leaf. Credited when a
/// caller gets a port (`Recorder.enteredIVR`), from his walk's stays (`IVRWalker.walk`).
public struct IVRFlow: Sendable, Equatable {
    public var nodeNames: [String] = []
    /// Callers spend time at the node (not a transfer or hang-up leaf).
    public var holdsCallers: [Bool] = []
    public var seconds: [Double] = []
    public var stays: [Int] = []
    public var hangups: [Int] = []
    public var contained: [Int] = []
    /// Node n's moves go to `moveTargets[moveStart[n]..<moveStart[n + 1]]` (its successors,
    /// then the offer's leaves at the offer node), counted in `moves`.
    public var moveStart: [Int] = [0]
    public var moveTargets: [Int32] = []
    public var moves: [Int] = []

    public init() {}

    /// - Parameter offerLeaves: the leaves the dynamic menu's offer may jump to from node
    ///   `offerAt` (empty without an offer).
    init(ivr: IVRConfig, offerAt: Int?, offerLeaves: [Int]) {
        nodeNames = ivr.nodes.map(\.name)
        holdsCallers = ivr.nodes.map(\.kind.holdsCallers)
        seconds = Array(repeating: 0, count: ivr.nodes.count)
        stays = Array(repeating: 0, count: ivr.nodes.count)
        hangups = stays
        contained = stays
        for (n, node) in ivr.nodes.enumerated() {
            var targets: [Int] = []
            for t in node.kind.successors + (n == offerAt ? offerLeaves : []) where !targets.contains(t) { targets.append(t) }
            moveTargets += targets.map(Int32.init)
            moveStart.append(moveTargets.count)
        }
        moves = Array(repeating: 0, count: moveTargets.count)
    }

    /// One caller's walk: his stays in order and how he left.
    @inline(__always)
    mutating func record(_ visits: ContiguousArray<IVRVisit>, outcome: IVROutcome) {
        var previous = -1
        for visit in visits {
            let n = Int(visit.node)
            if previous >= 0 {
                for k in moveStart[previous]..<moveStart[previous + 1] where moveTargets[k] == visit.node {
                    moves[k] += 1
                    break
                }
            }
            stays[n] += 1
            seconds[n] += visit.seconds
            previous = n
        }
        guard previous >= 0 else { return }
        switch outcome {
        case .abandoned: hangups[previous] += 1
        case .contained: contained[previous] += 1
        default: break
        }
    }

    /// Every move of the graph as (from, to) node indices, in `moves` order.
    public var moveList: [(from: Int, to: Int)] {
        nodeNames.indices.flatMap { n in (moveStart[n]..<moveStart[n + 1]).map { (n, Int(moveTargets[$0])) } }
    }

    /// Per node that holds callers `ivr.<node>.calls_mean` (seconds ÷ window: the mean
    /// number of callers there, Little's law) and `.seconds_per_stay`; per node
    /// `ivr.<node>.stays`, `.hangups`, `.contained` (÷ callers who entered the IVR); per
    /// move `ivr.<from>-><to>.moves` (÷ entered). None is listed in the summary tables (a
    /// comparison would otherwise test every node, and Holm's correction would pay for
    /// them): they are in replications.csv, ivr-flow.json and the report's IVR drawing,
    /// and `check:` may pin them.
    func fractions(entered: Double, window: Double) -> [String: Fraction] {
        var out: [String: Fraction] = [:]
        for (n, name) in nodeNames.enumerated() {
            if holdsCallers[n] {
                out[Self.callsMeanMetric(name)] = Fraction(seconds[n], window)
                out[Self.nodeMetric(name, Metric.nodeSecondsPerStay.name)] = Fraction(seconds[n], Double(stays[n]))
            }
            out[Self.nodeMetric(name, Metric.nodeStays.name)] = Fraction(Double(stays[n]), entered)
            out[Self.nodeMetric(name, Metric.nodeHangups.name)] = Fraction(Double(hangups[n]), entered)
            out[Self.nodeMetric(name, Metric.nodeContained.name)] = Fraction(Double(contained[n]), entered)
        }
        for (k, move) in moveList.enumerated() {
            out[Self.moveMetric(nodeNames[move.from], nodeNames[move.to])] = Fraction(Double(moves[k]), entered)
        }
        return out
    }

    public static func callsMeanMetric(_ node: String) -> String { nodeMetric(node, Metric.nodeCallsMean.name) }
    public static func nodeMetric(_ node: String, _ figure: String) -> String { "ivr." + node + "." + figure }
    public static func moveMetric(_ from: String, _ to: String) -> String { "ivr." + from + "->" + to + "." + Metric.moves.name }
}
