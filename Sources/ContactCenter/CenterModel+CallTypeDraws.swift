import Stochastic

extension CenterModel {
    /// Per call type, what its calls are drawn from (laws and stream handles), held together so that one lookup reaches them all (a class:
    /// reading it costs one reference, not a copy of every law in it). The stream handles
    /// do not own their streams: `streams` (below) keeps them alive.
    final class CallTypeDraws {
        let interarrival: Distribution
        let service: Distribution
        let patience: Distribution?
        let ivrPatience: Distribution?
        let balkProbability: Double
        let announcedTolerance: Distribution?
        let redialDelay: Distribution
        /// Cumulative intent shares (empty: no intents).
        let intentCumulative: [Double]
        let intentIndex: [Int]
        let interarrivalStream: RandomStreamHandle
        let intentStream: RandomStreamHandle
        let handlingStream: RandomStreamHandle
        let afterCallWorkStream: RandomStreamHandle
        let patienceStream: RandomStreamHandle
        let balkingStream: RandomStreamHandle
        let ivrPatienceStream: RandomStreamHandle
        let toleranceStream: RandomStreamHandle
        let callback: CallbackPolicy?
        /// Second-wait patience after a hand-on (only when the type has one), drawn from
        /// part j = his redials so far of the caller's own block (`RandomAccessCallerBlocks`) when he
        /// is handed on: fixed per caller (common random numbers), never stored per call.
        var transferPatience: Distribution?
        var transferPatienceBlocks: RandomAccessCallerBlocks?

        init(interarrival: Distribution, service: Distribution, patience: Distribution?, ivrPatience: Distribution?,
             balkProbability: Double, announcedTolerance: Distribution?, redialDelay: Distribution, intentCumulative: [Double],
             intentIndex: [Int], interarrivalStream: RandomStreamHandle, intentStream: RandomStreamHandle,
             handlingStream: RandomStreamHandle, afterCallWorkStream: RandomStreamHandle, patienceStream: RandomStreamHandle,
             balkingStream: RandomStreamHandle, ivrPatienceStream: RandomStreamHandle, toleranceStream: RandomStreamHandle,
             callback: CallbackPolicy?) {
            self.interarrival = interarrival
            self.service = service
            self.patience = patience
            self.ivrPatience = ivrPatience
            self.balkProbability = balkProbability
            self.announcedTolerance = announcedTolerance
            self.redialDelay = redialDelay
            self.intentCumulative = intentCumulative
            self.intentIndex = intentIndex
            self.interarrivalStream = interarrivalStream
            self.intentStream = intentStream
            self.handlingStream = handlingStream
            self.afterCallWorkStream = afterCallWorkStream
            self.patienceStream = patienceStream
            self.balkingStream = balkingStream
            self.ivrPatienceStream = ivrPatienceStream
            self.toleranceStream = toleranceStream
            self.callback = callback
        }
    }
}
