/// A first-in first-out queue on a growable ring buffer: no allocation per operation
/// once it has grown to its peak length.
/// - Complexity: `append`, `popFirst`, `first` O(1) (amortised for append).
public struct FIFOQueue<Element> {
    @usableFromInline var storage: ContiguousArray<Element?>
    @usableFromInline var head = 0
    @usableFromInline var storedCount = 0
    /// Number of elements.
    @inlinable public var count: Int { storedCount }

    public init(reservingCapacity capacity: Int = 16) {
        var size = 1
        while size < max(capacity, 1) { size <<= 1 }
        storage = ContiguousArray(repeating: nil, count: size)
    }

    @inlinable public var isEmpty: Bool { storedCount == 0 }

    @inlinable
    public mutating func append(_ element: Element) {
        if storedCount == storage.count { grow() }
        storage[(head + storedCount) & (storage.count - 1)] = element
        storedCount += 1
    }

    @inlinable
    public mutating func popFirst() -> Element? {
        guard storedCount > 0 else { return nil }
        let element = storage[head]
        storage[head] = nil
        head = (head + 1) & (storage.count - 1)
        storedCount -= 1
        return element
    }

    @inlinable public var first: Element? { storedCount > 0 ? storage[head] : nil }

    /// Removes and returns the first element that satisfies `matches`, keeping the order of
    /// the others; nil when none does.
    /// - Complexity: O(count): for rare removals from the middle (an idle agent leaving).
    public mutating func removeFirst(where matches: (Element) -> Bool) -> Element? {
        let mask = storage.count - 1
        guard let i = (0..<storedCount).first(where: { matches(storage[(head + $0) & mask]!) }) else { return nil }
        let element = storage[(head + i) & mask]
        for j in i..<(storedCount - 1) { storage[(head + j) & mask] = storage[(head + j + 1) & mask] }
        storage[(head + storedCount - 1) & mask] = nil
        storedCount -= 1
        return element
    }

    @usableFromInline
    mutating func grow() {
        var bigger = ContiguousArray<Element?>(repeating: nil, count: storage.count * 2)
        for i in 0..<storedCount { bigger[i] = storage[(head + i) & (storage.count - 1)] }
        storage = bigger
        head = 0
    }
}
