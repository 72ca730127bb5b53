/// Stream entities derived from names, so that a stream belongs to a call type (or any
/// named part of a model) whatever its position in a list: adding, removing or reordering
/// call types leaves every other type's streams where they were (common random numbers).
public enum StreamEntity {
    /// FNV-1a (32-bit; Fowler, Noll, Vo) of the name's UTF-8 bytes, xor-folded to 24 bits
    /// (`StreamID.maxEntity`): h ⊕ (h >> 24), low 24 bits. Stable across platforms and
    /// versions (never `hashValue`, which is seeded per process).
    public static func of(_ name: String) -> Int {
        var h: UInt32 = 2_166_136_261
        for byte in name.utf8 {
            h ^= UInt32(byte)
            h = h &* 16_777_619
        }
        return Int((h ^ (h >> 24)) & 0xFF_FFFF)
    }

    /// One distinct entity per name: names in lexicographic order each take the first free
    /// of of(name), of(name + "#1"), of(name + "#2"), … So a name keeps its hash unless an
    /// earlier name (in that order) collides with it, whatever the list order; adding or
    /// removing a name moves at most the names whose hashes collide with it (about n ÷ 2^24
    /// of them for n names: 10,000 call types collide about 3 times).
    /// - Precondition: names are distinct; fewer than 2^24 of them.
    public static func assign(_ names: [String]) -> [Int] {
        var taken: [Int: String] = [:]
        for name in Set(names).sorted() {
            var entity = of(name)
            var attempt = 0
            while taken[entity] != nil {
                attempt += 1
                entity = of(name + "#\(attempt)")
            }
            taken[entity] = name
        }
        var byName: [String: Int] = [:]
        for (entity, name) in taken { byName[name] = entity }
        return names.map { byName[$0]! }
    }
}
