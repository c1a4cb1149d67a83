import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One headless Chromium, driven over its DevTools protocol through a pipe, that prints pages to
/// PDF. Starting the browser once and printing every sheet in it is many times quicker than one
/// `chromium --print-to-pdf` process a sheet (measured: about 2.7 s a process on 2 cores).
///
/// A page it prints loads only files from the folder being printed: every other request (a
/// picture on another server, a file elsewhere on the disk) is failed through the DevTools
/// `Fetch` domain, so a build never reaches out from the machine it runs on.
public final class HeadlessChromium {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    private let process: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: String
    /// The folder whose files pages may load, absolute and without `..`.
    private let folder: String
    private var nextID = 1
    private var buffer: [UInt8] = []
    private var events: [[String: Any]] = []
    /// Replies that came while waiting for another one.
    private var replies: [Int: [String: Any]] = [:]
    /// Requests whose replies nobody waits for (answers to paused requests).
    private var unanswered: Set<Int> = []

    /// The browser to use: `explicit`, else `chromium` (or `chromium-browser`, `google-chrome`) on PATH.
    public static func find(explicit: String? = nil) -> String? {
        if let explicit { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for folder in path.split(separator: ":")
            where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }

    public static let installHint =
        "install Chromium with 'sudo apt-get install chromium' (Debian) or pass its path with --chromium PATH"

    /// Starts the browser, its profile in a new folder inside `profiles`; the pages it prints may
    /// load only files below `folder`.
    public init(
        executable: String, loadingOnlyFrom folder: String, profilesIn profiles: String = NSTemporaryDirectory()
    ) throws {
        self.folder = URL(fileURLWithPath: folder).standardizedFileURL.path
        var input: [Int32] = [0, 0]
        var output: [Int32] = [0, 0]
        guard pipe(&input) == 0, pipe(&output) == 0 else { throw Failure(description: "cannot make a pipe") }
        profile =
            (profiles.hasSuffix("/") ? profiles : profiles + "/")
            + "limber-chromium-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var arguments = [
            executable, "--headless", "--disable-gpu", "--remote-debugging-pipe", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-sync", "--mute-audio", "--hide-scrollbars", "--user-data-dir=\(profile)", "about:blank",
        ]
        // Chromium refuses to run its sandbox as root.
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input[0], 3)
        posix_spawn_file_actions_adddup2(&actions, output[1], 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // In a process group of its own, with every process it starts: all are stopped together.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)
        var pid: pid_t = 0
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let status = posix_spawn(&pid, executable, &actions, &attributes, argv, environ)
        close(input[0])
        close(output[1])
        guard status == 0 else {
            close(input[1])
            close(output[0])
            throw Failure(description: "cannot start \(executable): \(String(cString: strerror(status)))")
        }
        process = pid
        toBrowser = input[1]
        fromBrowser = output[0]
    }

    deinit {
        close(toBrowser)
        close(fromBrowser)
        kill(-process, SIGTERM)
        var status: Int32 = 0
        waitpid(process, &status, 0)
        // The browser's helpers write into its profile as they stop, after the browser itself:
        // removed before they had, the profile came back (two of seven printing tests left one in
        // the temporary folder). It is removed once none runs, or after two seconds.
        var waited = 0
        while Self.running(group: process), waited < 200 {
            usleep(10_000)
            waited += 1
        }
        // Only a group that still runs: once it has ended, its number may be another's.
        if Self.running(group: process) { kill(-process, SIGKILL) }
        try? FileManager.default.removeItem(atPath: profile)
    }

    /// Whether a process of the process group `group` still runs. One that has ended but was not
    /// waited for does not count: the browser's helpers outlive it and are left to the system's
    /// first process, which in some containers never waits for them.
    private static func running(group: pid_t) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return false }
        for entry in entries where entry.first?.isNumber == true {
            // `pid (name) state ppid pgrp …`: the name may hold spaces and brackets.
            guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                let nameEnd = stat.lastIndex(of: ")")
            else { continue }
            let fields = stat[stat.index(after: nameEnd)...].split(separator: " ")
            if fields.count > 2, fields[0] != "Z", fields[0] != "X", pid_t(fields[2]) == group { return true }
        }
        return false
    }

    /// Loads `url` in a new tab and prints it with the page's own `@page` size and margins.
    public func printToPDF(url: String) throws -> Data {
        try printToPDF(urls: [url])[0]
    }

    /// Prints pages a few tabs at a time: Chromium lays them out in parallel while this waits.
    public func printToPDF(urls: [String], tabsAtOnce: Int = 4) throws -> [Data] {
        var printed: [Data] = []
        var start = 0
        while start < urls.count {
            let batch = Array(urls[start..<min(start + tabsAtOnce, urls.count)])
            printed += try printBatch(batch)
            start += batch.count
        }
        return printed
    }

    private func printBatch(_ urls: [String]) throws -> [Data] {
        var tabs: [(target: String, session: String)] = []
        defer {
            for tab in tabs { _ = try? call("Target.closeTarget", ["targetId": tab.target]) }
        }
        for _ in urls {
            let target = try call("Target.createTarget", ["url": "about:blank"])
            guard let targetID = target["targetId"] as? String else { throw Failure(description: "no tab was opened") }
            let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
            guard let session = attached["sessionId"] as? String else {
                throw Failure(description: "cannot reach the tab")
            }
            tabs.append((targetID, session))
            // Every request pauses until `nextMessage` lets it go on or fails it.
            _ = try call("Fetch.enable", ["patterns": [["urlPattern": "*"]]], session: session)
            _ = try call("Page.enable", [:], session: session)
        }
        let navigations = try zip(urls, tabs).map { url, tab in
            try send("Page.navigate", ["url": url], session: tab.session)
        }
        for (url, id) in zip(urls, navigations) {
            let navigation = try result(of: id, method: "Page.navigate")
            if let error = navigation["errorText"] as? String {
                throw Failure(description: "cannot open \(url): \(error)")
            }
        }
        for tab in tabs { try waitForEvent("Page.loadEventFired", session: tab.session) }
        let prints = try tabs.map { tab in
            try send(
                "Page.printToPDF",
                ["preferCSSPageSize": true, "printBackground": true, "displayHeaderFooter": false],
                session: tab.session)
        }
        return try zip(urls, prints).map { url, id in
            let printed = try result(of: id, method: "Page.printToPDF")
            guard let base64 = printed["data"] as? String, let data = Data(base64Encoded: base64) else {
                throw Failure(description: "Chromium returned no PDF for \(url)")
            }
            return data
        }
    }

    // MARK: - The protocol: JSON messages separated by NUL bytes

    private func call(_ method: String, _ parameters: [String: Any], session: String? = nil) throws -> [String: Any] {
        try result(of: try send(method, parameters, session: session), method: method)
    }

    private func send(_ method: String, _ parameters: [String: Any], session: String? = nil) throws -> Int {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        try bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(toBrowser, raw.baseAddress! + offset, raw.count - offset)
                guard written > 0 else { throw Failure(description: "Chromium stopped listening") }
                offset += written
            }
        }
        return id
    }

    private func result(of id: Int, method: String) throws -> [String: Any] {
        while true {
            let reply: [String: Any]
            if let early = replies.removeValue(forKey: id) {
                reply = early
            } else {
                let message = try nextMessage()
                guard let replyID = message["id"] as? Int else {
                    if message["method"] != nil { events.append(message) }
                    continue
                }
                guard replyID == id else {
                    replies[replyID] = message
                    continue
                }
                reply = message
            }
            if let error = reply["error"] as? [String: Any] {
                throw Failure(description: "Chromium: \(method): \(error["message"] ?? error)")
            }
            return reply["result"] as? [String: Any] ?? [:]
        }
    }

    private func waitForEvent(_ method: String, session: String) throws {
        func matches(_ event: [String: Any]) -> Bool {
            event["method"] as? String == method && event["sessionId"] as? String == session
        }
        if let index = events.firstIndex(where: matches) {
            events.remove(at: index)
            return
        }
        while true {
            let message = try nextMessage()
            if matches(message) { return }
            if message["method"] != nil { events.append(message) }
        }
    }

    /// The next message that is not a paused request: those are answered as they come, since the
    /// page waits on them.
    private func nextMessage() throws -> [String: Any] {
        while true {
            let message = try readMessage()
            if let id = message["id"] as? Int, unanswered.remove(id) != nil { continue }
            guard message["method"] as? String == "Fetch.requestPaused",
                let parameters = message["params"] as? [String: Any],
                let request = parameters["requestId"] as? String
            else { return message }
            let url = (parameters["request"] as? [String: Any])?["url"] as? String ?? ""
            let session = message["sessionId"] as? String
            let answer =
                Self.mayLoad(url, from: folder)
                ? try send("Fetch.continueRequest", ["requestId": request], session: session)
                : try send(
                    "Fetch.failRequest", ["requestId": request, "errorReason": "BlockedByClient"], session: session)
            unanswered.insert(answer)
        }
    }

    /// Whether a page being printed may load `url`: a file below `folder`, or data in the page.
    static func mayLoad(_ url: String, from folder: String) -> Bool {
        if url.hasPrefix("data:") || url == "about:blank" { return true }
        guard let parsed = URL(string: url), parsed.scheme == "file", (parsed.host ?? "").isEmpty else { return false }
        let path = URL(fileURLWithPath: parsed.path).standardizedFileURL.path
        return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }

    private func readMessage() throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = buffer[..<end]
                buffer.removeSubrange(...end)
                if let object = try? JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] {
                    return object
                }
                continue
            }
            var waiting = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&waiting, 1, 30_000) > 0 else { throw Failure(description: "Chromium did not answer in 30 s") }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(fromBrowser, &chunk, chunk.count)
            guard count > 0 else { throw Failure(description: "Chromium closed the connection") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}
