import ContactCenter
import Experiments

/// ivr-flow.json: per variant with an IVR, what its callers did node by node (the menu's
/// picture for `ccsim report`): each node's kind, stays per caller who entered the IVR,
/// seconds per stay, mean callers there, hang-ups and resolved callers per entered caller,
/// and each move's share of entered callers. Every figure is the ratio-of-sums estimate
/// over replications of the `IVRFlow` metrics (replications.csv has each replication's).
public enum IVRFlowFile {
    public static func json(variants: [(name: String, config: CenterConfig, result: ReplicatedResult)]) -> JSON? {
        var out: [String: JSON] = [:]
        for (name, config, result) in variants {
            guard let ivr = config.ivr, let flow = CenterModel.ivrFlowLayout(config) else { continue }
            func mean(_ metric: String) -> JSON {
                guard result.metricNames.contains(metric) else { return .null }
                let x = result.interval(metric).mean
                return x.isFinite ? .number(x) : .null
            }
            let nodes: [JSON] = ivr.nodes.map { node in
                .object([
                    "name": .string(node.name), "kind": .string(node.kind.name),
                    Metric.nodeStays.name: mean(IVRFlow.nodeMetric(node.name, Metric.nodeStays.name)),
                    Metric.nodeSecondsPerStay.name: mean(IVRFlow.nodeMetric(node.name, Metric.nodeSecondsPerStay.name)),
                    Metric.nodeCallsMean.name: mean(IVRFlow.callsMeanMetric(node.name)),
                    Metric.nodeHangups.name: mean(IVRFlow.nodeMetric(node.name, Metric.nodeHangups.name)),
                    Metric.nodeContained.name: mean(IVRFlow.nodeMetric(node.name, Metric.nodeContained.name)),
                ])
            }
            let moves: [JSON] = flow.moveList.map { move in
                let from = flow.nodeNames[move.from], to = flow.nodeNames[move.to]
                return .object(["from": .string(from), "to": .string(to), "share": mean(IVRFlow.moveMetric(from, to))])
            }
            out[name] = .object(["start": .string(ivr.nodes[ivr.start].name), "nodes": .array(nodes), Metric.moves.name: .array(moves)])
        }
        return out.isEmpty ? nil : .object(["variants": .object(out)])
    }
}
