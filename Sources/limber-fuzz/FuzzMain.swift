import Foundation
import LimberFuzzing
import LimberKit

// Built with `-DLIMBER_FUZZ -sanitize=fuzzer` (scripts/fuzz.sh) this is a libFuzzer target; built
// normally it replays inputs, so the seed corpus and any crash can be run without the sanitizers.

#if LIMBER_FUZZ
    /// libFuzzer's entry point: one input, whose first byte picks the target (see `FuzzEntry`).
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        FuzzEntry.run(Array(UnsafeBufferPointer(start: data, count: size)))
        return 0
    }

    /// libFuzzer's driver, which its own `main` calls; SwiftPM makes this module's `@main` the
    /// program's `main`, so that `main` has to call the driver itself.
    @_silgen_name("LLVMFuzzerRunDriver")
    func LLVMFuzzerRunDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    @main
    struct FuzzDriver {
        static func main() {
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(
                LLVMFuzzerRunDriver(&argc, &argv) { data, size in
                    FuzzEntry.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
                    return 0
                })
        }
    }
#else
    /// `limber-fuzz FILE|FOLDER…`: runs every file (every file below each folder) through the fuzz
    /// target and reports what broke.
    @main
    struct FuzzReplay {
        static func main() {
            let arguments = CommandLine.arguments.dropFirst()
            guard !arguments.isEmpty else {
                FileHandle.standardError.write(Data("usage: limber-fuzz FILE|FOLDER…\n".utf8))
                exit(2)
            }
            var passed = 0
            var failed = 0
            for file in arguments.flatMap(files) {
                guard let data = FileManager.default.contents(atPath: file) else {
                    print("\(file): cannot read the file")
                    failed += 1
                    continue
                }
                let broken = FuzzEntry.violations([UInt8](data))
                if broken.isEmpty {
                    passed += 1
                } else {
                    failed += 1
                    print("\(file): FAILED\n  " + broken.joined(separator: "\n  "))
                }
            }
            print("\(passed) passed, \(failed) failed")
            exit(failed == 0 ? 0 : 1)
        }

        /// The file itself, or every file below a folder (sorted), skipping hidden ones.
        static func files(_ argument: String) -> [String] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                return [argument]
            }
            let entries = (FileManager.default.subpaths(atPath: argument) ?? []).sorted()
            return entries.filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }.map {
                argument + "/" + $0
            }
            .filter { path in
                var isFolder: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            }
        }
    }
#endif
