import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Memory a build has freed, given back to the system. The C library keeps freed memory for the
/// allocations to come, and the process's size (what a machine running the build must have) counts
/// it until then.
enum FreedMemory {
    /// `malloc_trim`, which Glibc's module does not declare to Swift.
    private typealias MallocTrim = @convention(c) (Int) -> Int32
    private static let mallocTrim: MallocTrim? = dlsym(nil, "malloc_trim").map {
        unsafeBitCast($0, to: MallocTrim.self)
    }

    /// Gives back every whole page of memory freed so far; nothing where the C library cannot.
    static func giveBack() { _ = mallocTrim?(0) }
}
