/// A reference to a slot of a `Slab`, valid until the slot is freed or renewed.
/// Events carry handles; a handle whose generation no longer matches is stale, which is
/// how pending events are cancelled lazily (recognised and skipped when popped).
public struct SlotHandle: Hashable, Sendable {
    public let index: Int32
    public let generation: UInt32
    @inlinable public init(index: Int32, generation: UInt32) {
        self.index = index
        self.generation = generation
    }
}

/// Fixed-type storage for live entities (calls) reused through a free list: no heap
/// allocation per entity once the slab has grown to the peak number alive.
/// - Complexity: insert, remove, renew, lookup O(1) (amortised for insert).
public struct Slab<Element> {
    @usableFromInline var elements: ContiguousArray<Element> = []
    @usableFromInline var generations: ContiguousArray<UInt32> = []
    @usableFromInline var freeList: ContiguousArray<Int32> = []
    /// Number of live elements.
    @usableFromInline var storedCount = 0
    /// Number of elements.
    @inlinable public var count: Int { storedCount }

    public init(reservingCapacity capacity: Int = 0) {
        elements.reserveCapacity(capacity)
        generations.reserveCapacity(capacity)
    }

    /// Stores `element` and returns its handle.
    @inlinable
    public mutating func insert(_ element: Element) -> SlotHandle {
        storedCount += 1
        if let index = freeList.popLast() {
            elements[Int(index)] = element
            return SlotHandle(index: index, generation: generations[Int(index)])
        }
        precondition(elements.count < Int(Int32.max), "slab full")
        elements.append(element)
        generations.append(0)
        return SlotHandle(index: Int32(elements.count - 1), generation: 0)
    }

    /// True while `handle` refers to the current occupant of its slot.
    @inlinable
    public func isCurrent(_ handle: SlotHandle) -> Bool {
        generations[Int(handle.index)] == handle.generation
    }

    /// Invalidates every outstanding handle of this slot (its pending events become
    /// stale) and returns a fresh handle to the same, still live, element.
    @inlinable
    public mutating func renew(_ handle: SlotHandle) -> SlotHandle {
        precondition(isCurrent(handle), "renewing a stale handle")
        let i = Int(handle.index)
        generations[i] &+= 1
        return SlotHandle(index: handle.index, generation: generations[i])
    }

    /// Frees the slot; every outstanding handle becomes stale.
    @inlinable
    public mutating func remove(_ handle: SlotHandle) {
        precondition(isCurrent(handle), "removing through a stale handle")
        let i = Int(handle.index)
        generations[i] &+= 1
        freeList.append(handle.index)
        storedCount -= 1
    }

    /// The element behind a current handle.
    @inlinable
    public subscript(handle: SlotHandle) -> Element {
        get {
            precondition(isCurrent(handle), "stale handle")
            return elements[Int(handle.index)]
        }
        set {
            precondition(isCurrent(handle), "stale handle")
            elements[Int(handle.index)] = newValue
        }
    }
}
