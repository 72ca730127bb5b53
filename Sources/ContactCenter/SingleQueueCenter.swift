import Measures
import SimKernel
import Stochastic

/// The single-queue center as a discrete-event model: Poisson arrivals per call type,
/// one FIFO queue, one pool of identical agents, patience and balking.
///
/// Random streams (entity = call-type index; replication r uses substream r):
/// (interarrival, i), (serviceTime, i), (patience, i), (balking, i). Every arrival draws
/// its service time, patience and balking uniform when it is created, used or not, so
/// variants that keep a source stay synchronised (common random numbers).
///
/// Events: an arrival of type i; the end of a service (the agent then takes the oldest
/// waiting call); an abandonment, which carries the waiting call's slot handle and is
/// stale (skipped) once the call has been answered. Calls served at once need no slot.
public struct SingleQueueCenter: DiscreteEventModel {
    public enum Event {
        case arrival(callType: Int32)
        case serviceEnd
        case abandonment(SlotHandle)
        /// `.time` horizon: the measurement window opens (scheduled before any arrival,
        /// so an arrival at exactly this time is measured).
        case windowOpens
        /// `.time` horizon: the center stops accepting calls ([start, end) window).
        case arrivalsClose
    }

    struct WaitingCall {
        var arrivalTime: Double
        var serviceSeconds: Double
        var measured: Bool
    }

    /// Per-call-type sources, held together so that one lookup reaches them all. The
    /// stream handles do not own their streams: `streams` (below) keeps them alive.
    struct CallTypeSources {
        let interarrival: Distribution
        let service: Distribution
        let patience: Distribution?
        let balkProbability: Double
        let interarrivalStream: RandomStreamHandle
        let serviceStream: RandomStreamHandle
        let patienceStream: RandomStreamHandle
        let balkingStream: RandomStreamHandle
    }

    /// Owners of every random stream of this replication (handles point into them).
    let streams: [RandomStream]
    let sources: ContiguousArray<CallTypeSources>
    let agents: Int
    let targetSeconds: Double
    let warmupCalls: Int
    let lastCall: Int  // arrivals beyond this number are not accepted (.calls horizon)

    var waiting = Slab<WaitingCall>()
    var queue = FIFOQueue<SlotHandle>(reservingCapacity: 1024)
    var busyAgents = 0
    var waitingCount = 0
    var arrivalsSoFar = 0
    var arrivalsClosed = false
    var inWindow = false

    public private(set) var counters = SingleQueueCounters()
    var busyAgentsIntegral: TimeWeightedAverage
    var queueLengthIntegral: TimeWeightedAverage

    init(config: SingleQueueConfig, seed: UInt64, replication: UInt64) {
        let problems = config.problems
        precondition(problems.isEmpty, "invalid configuration: \(problems.map { "\($0.path): \($0.message)" })")
        var streams: [RandomStream] = []
        var sources = ContiguousArray<CallTypeSources>()
        for (index, type) in config.callTypes.enumerated() {
            func stream(_ purpose: StreamPurpose) -> RandomStreamHandle {
                let owner = RandomStream(StreamID(seed: seed, purpose: purpose, entity: index), replication: replication)
                streams.append(owner)
                return owner.handle
            }
            sources.append(CallTypeSources(
                interarrival: type.interarrivalSeconds, service: type.serviceSeconds,
                patience: type.patienceSeconds, balkProbability: type.balkProbability,
                interarrivalStream: stream(.interarrival), serviceStream: stream(.serviceTime),
                patienceStream: stream(.patience), balkingStream: stream(.balking)))
        }
        self.streams = streams
        self.sources = sources
        agents = config.agents
        targetSeconds = config.serviceLevelTargetSeconds
        switch config.horizon {
        case .calls(let warmup, let measured):
            warmupCalls = warmup
            lastCall = warmup + measured
        case .time:
            warmupCalls = -1  // the window is opened by the .windowOpens event
            lastCall = .max
        }
        busyAgentsIntegral = TimeWeightedAverage(value: 0, at: 0)
        queueLengthIntegral = TimeWeightedAverage(value: 0, at: 0)
    }

    public mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        switch event {
        case .arrival(let typeIndex): arrive(Int(typeIndex), calendar: &calendar)
        case .serviceEnd: endService(calendar: &calendar)
        case .abandonment(let handle): abandon(handle, at: calendar.now)
        case .windowOpens: openWindow(at: calendar.now)
        case .arrivalsClose: closeArrivals(at: calendar.now)
        }
    }

    @inline(__always)
    mutating func arrive(_ typeIndex: Int, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        if arrivalsClosed { return }
        let source = sources[typeIndex]
        calendar.schedule(.arrival(callType: Int32(typeIndex)),
                          after: source.interarrival.sample(source.interarrivalStream))
        arrivalsSoFar += 1
        if arrivalsSoFar == warmupCalls + 1 { openWindow(at: now) }
        let measured = inWindow
        if arrivalsSoFar == lastCall { closeArrivals(at: now) }
        // Everything the call needs is drawn now, used or not (common random numbers).
        let serviceSeconds = source.service.sample(source.serviceStream)
        let patienceSeconds = source.patience?.sample(source.patienceStream) ?? .infinity
        let balks = source.balkingStream.bernoulli(source.balkProbability)

        if measured { counters.offered += 1 }
        if busyAgents < agents {
            if measured {
                counters.answered += 1
                counters.answeredWithinTarget += 1
                counters.waits.add(0)
            }
            startService(serviceSeconds, calendar: &calendar)
            return
        }
        if balks {
            if measured { counters.balked += 1 }
            return
        }
        if measured { counters.delayed += 1 }
        let handle = waiting.insert(WaitingCall(arrivalTime: now, serviceSeconds: serviceSeconds, measured: measured))
        queue.append(handle)
        setWaitingCount(waitingCount + 1, at: now)
        if patienceSeconds.isFinite {
            calendar.schedule(.abandonment(handle), after: patienceSeconds)
        }
    }

    @inline(__always)
    mutating func startService(_ seconds: Double, calendar: inout EventCalendar<Event>) {
        busyAgents += 1
        busyAgentsIntegral.update(to: Double(busyAgents), at: calendar.now)
        calendar.schedule(.serviceEnd, after: seconds)
    }

    @inline(__always)
    mutating func endService(calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        busyAgents -= 1
        // The freed agent takes the oldest call still waiting (abandoned ones are stale).
        while let handle = queue.popFirst() {
            guard waiting.isCurrent(handle) else { continue }
            let call = waiting[handle]
            waiting.remove(handle)
            setWaitingCount(waitingCount - 1, at: now)
            if call.measured {
                let wait = now - call.arrivalTime
                counters.answered += 1
                if wait <= targetSeconds { counters.answeredWithinTarget += 1 }
                counters.totalWaitAnsweredSeconds += wait
                counters.waits.add(wait)
            }
            busyAgents += 1  // the agent stays busy: no change to the busy integral
            calendar.schedule(.serviceEnd, after: call.serviceSeconds)
            return
        }
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
    }

    @inline(__always)
    mutating func abandon(_ handle: SlotHandle, at now: Double) {
        guard waiting.isCurrent(handle) else { return }  // answered meanwhile: stale
        let call = waiting[handle]
        waiting.remove(handle)
        setWaitingCount(waitingCount - 1, at: now)
        if call.measured {
            let wait = now - call.arrivalTime
            counters.abandoned += 1
            counters.totalWaitAbandonedSeconds += wait
            counters.waits.add(wait)
        }
    }

    @inline(__always)
    mutating func setWaitingCount(_ n: Int, at now: Double) {
        queueLengthIntegral.update(to: Double(n), at: now)
        waitingCount = n
    }

    mutating func openWindow(at now: Double) {
        inWindow = true
        busyAgentsIntegral.update(to: Double(busyAgents), at: now)
        busyAgentsIntegral.restart(at: now)
        queueLengthIntegral.update(to: Double(waitingCount), at: now)
        queueLengthIntegral.restart(at: now)
        counters.windowStartSeconds = now
    }

    mutating func closeArrivals(at time: Double) {
        arrivalsClosed = true
        guard inWindow else { return }
        inWindow = false
        counters.windowEndSeconds = time
        counters.busyAgentSeconds = busyAgentsIntegral.integral(upTo: time)
        counters.queueLengthIntegral = queueLengthIntegral.integral(upTo: time)
        counters.staffedAgentSeconds = Double(agents) * (time - counters.windowStartSeconds)
    }

    /// Runs one replication and returns its counters.
    /// - Parameters:
    ///   - seed: the scenario seed (0...StreamID.maxSeed).
    ///   - replication: the substream index of every stream.
    public static func simulate(_ config: SingleQueueConfig, seed: UInt64, replication: UInt64) -> SingleQueueCounters {
        var model = SingleQueueCenter(config: config, seed: seed, replication: replication)
        var calendar = EventCalendar<Event>(reservingCapacity: 2 * config.agents + 64)
        if case .time(let warmup, let measured) = config.horizon {
            calendar.schedule(.windowOpens, at: warmup)
            calendar.schedule(.arrivalsClose, at: warmup + measured)
        }
        for i in config.callTypes.indices {
            let source = model.sources[i]
            calendar.schedule(.arrival(callType: Int32(i)), at: source.interarrival.sample(source.interarrivalStream))
        }
        let stop = calendar.run(&model, limits: RunLimits(maxTime: config.maxSimulatedSeconds))
        if model.inWindow {
            // The window never closed: the time limit was hit first.
            model.closeArrivals(at: calendar.now)
        }
        model.counters.truncated = stop == .timeLimit
        model.counters.unfinished = model.counters.offered
            - model.counters.answered - model.counters.abandoned - model.counters.balked
        model.counters.serviceLevelTargetSeconds = config.serviceLevelTargetSeconds
        return model.counters
    }
}
