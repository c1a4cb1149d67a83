extension FuzzEntry {
    /// Front matter far larger than an input: after a two-byte count (big-endian), five parts split
    /// by NUL bytes: a start, an opening written `count` times, a middle, a closing written `count`
    /// times, an end. They are the value of `targets:` in a stretch file, read as `stretchFile`
    /// reads it: ``, `[`, `a`, `]`, `` make lists 65,535 deep; `[`, `a, `, `a`, ``, `]` a list of
    /// 65,536 items.
    public static func yamlShape(_ bytes: [UInt8]) -> [String] {
        guard bytes.count >= 2 else { return [] }
        let count = Int(bytes[0]) << 8 | Int(bytes[1])
        let parts = bytes.dropFirst(2).split(separator: 0, maxSplits: 4, omittingEmptySubsequences: false)
        func part(_ index: Int) -> [UInt8] { index < parts.count ? Array(parts[index]) : [] }
        let (start, opening, middle, closing, end) = (part(0), part(1), part(2), part(3), part(4))
        var file = Array("---\ntitle: Shape\nsummary: Deep or wide.\nkind: static\nlevel: beginner\ndose: 30 s\n".utf8)
        file += Array("targets: ".utf8)
        file.reserveCapacity(file.count + count * (opening.count + closing.count) + 64)
        file += start
        for _ in 0..<count { file += opening }
        file += middle
        for _ in 0..<count { file += closing }
        file += end
        file += Array("\n---\nBody.\n".utf8)
        return stretchFile(file)
    }
}
