import Foundation

/// Publishing to a git branch (GitHub Pages, Codeberg Pages, any git host) with the system's
/// `git`: the site becomes one new commit on the branch, on top of its history, pushed in one
/// step; a publish with no change makes no commit. Files on the branch that no publish of this
/// site put there (a `CNAME` written on the forge, say) are kept.
struct GitTarget {
    let repository: String
    let branch: String
    /// A bare repository of Limber's own in `.limber/publish/<hash>/git`, holding the branch.
    let work: String

    /// The host of `baseURL` when it is a domain of the site's own, not a forge's Pages domain:
    /// the branch then gets a `CNAME` file naming it.
    static func customDomain(_ baseURL: String) -> String? {
        guard let url = URL(string: baseURL), let host = url.host?.lowercased(), !host.isEmpty else { return nil }
        let forgeDomains = ["github.io", "codeberg.page", "gitlab.io", "pages.dev", "netlify.app", "localhost"]
        if forgeDomains.contains(where: { host == $0 || host.hasSuffix("." + $0) }) { return nil }
        if host.allSatisfy({ $0.isNumber || $0 == "." || $0 == ":" }) { return nil }
        return host
    }

    func publish(
        _ output: String, files: Set<String>, domain: String?, record: PublishRecord, dryRun: Bool,
        progress: (@Sendable (String) -> Void)?
    ) throws(PublishFailed) -> Publisher.Report {
        guard let git = ExternalCommand("git") else {
            throw PublishFailed(message: "publishing to git needs git: apt-get install git")
        }
        let gitDir = ["--git-dir", work]
        if !FileManager.default.fileExists(atPath: work + "/HEAD") {
            try git.check(["init", "-q", "--bare", work], doing: "making \(work)")
        }
        // The branch as it is on the remote now, if it exists.
        progress?("Fetching \(branch)")
        let remoteBranch = "refs/limber/" + branch
        let heads = try git.check(
            gitDir + ["ls-remote", "--heads", repository, "refs/heads/" + branch], doing: "reading \(branch)")
        var parent: String?
        if !heads.isEmpty {
            try git.check(
                gitDir + ["fetch", "-q", "--no-tags", repository, "+refs/heads/\(branch):\(remoteBranch)"],
                doing: "fetching \(branch)")
            parent = try git.check(gitDir + ["rev-parse", remoteBranch], doing: "reading \(branch)")
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        // The new tree: the branch as it was, without what earlier publishes put there and the
        // site no longer has, with the site's files over it.
        let index = ["GIT_INDEX_FILE": work + "/limber-index"]
        let withTree = gitDir + ["--work-tree", output]
        // With the index of the last publish kept, `-m` keeps what it knew of each file's size and
        // time, so `add` below reads only files that changed instead of hashing the whole site.
        let keptIndex = FileManager.default.fileExists(atPath: work + "/limber-index")
        try git.check(
            withTree + ["read-tree"] + (parent.map { (keptIndex ? ["-m"] : []) + [$0] } ?? ["--empty"]),
            environment: index, doing: "reading the branch")
        let before = Set(
            try git.check(gitDir + ["ls-files", "-z"], environment: index, doing: "listing the branch")
                .split(separator: "\0").map(String.init))
        let extras = [".nojekyll": ""].merging(domain.map { ["CNAME": $0 + "\n"] } ?? [:]) { $1 }
        let site = files.union(extras.keys)
        let published = record.files
        let removals = before.subtracting(site).intersection(published).sorted()
        if !removals.isEmpty {
            let list = try FileList(removals, in: work, named: "removals")
            try git.check(
                withTree + ["rm", "-q", "--cached", "--ignore-unmatch", "--pathspec-from-file=" + list.path],
                environment: index, in: output, doing: "removing files")
        }
        let added = try FileList(files.sorted(), in: work, named: "files")
        try git.check(
            withTree + ["add", "-f", "--ignore-removal", "--pathspec-from-file=" + added.path], environment: index,
            in: output, doing: "adding the site")
        for (name, text) in extras.sorted(by: { $0.key < $1.key }) {
            let object = try hashObject(git, text).trimmingCharacters(in: .whitespacesAndNewlines)
            try git.check(
                gitDir + ["update-index", "--add", "--cacheinfo", "100644,\(object),\(name)"], environment: index,
                doing: "adding \(name)")
        }
        let tree = try git.check(gitDir + ["write-tree"], environment: index, doing: "writing the tree")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var base = parent ?? ""
        if parent == nil { base = try emptyTree(git) }
        let changed = try git.check(
            gitDir + ["diff", "--name-only", "-z", "--no-renames", base, tree], doing: "comparing"
        )
        .split(separator: "\0").map(String.init)
        let passes = PublishPasses(
            changed: changed.filter { site.contains($0) && before.contains($0) },
            new: Set(changed.filter { site.contains($0) && !before.contains($0) }), gone: removals, published: published
        )
        var report = Publisher.Report(
            target: .git(repository: repository, branch: branch), passes: passes,
            bytes: Publisher.size(of: passes.files + passes.pages, in: output), seconds: 0, diagnostics: [])
        guard !dryRun else { return report }
        guard changed.count > 0 else {
            report.unchanged = true
            return report
        }

        let message =
            "Publish the site: \(passes.files.count + passes.pages.count) files changed, \(removals.count) removed"
        var environment: [String: String] = [:]
        if (try? git.run(gitDir + ["var", "GIT_AUTHOR_IDENT"]))?.status != 0 {
            environment = [
                "GIT_AUTHOR_NAME": "Limber", "GIT_AUTHOR_EMAIL": "limber@localhost", "GIT_COMMITTER_NAME": "Limber",
                "GIT_COMMITTER_EMAIL": "limber@localhost",
            ]
        }
        let commit = try git.check(
            gitDir + ["commit-tree", tree, "-m", message] + (parent.map { ["-p", $0] } ?? []),
            environment: environment, doing: "making the commit"
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        // Everything in one push: the branch moves from the old site to the new one in one step.
        try record.write(published.union(site))
        progress?("Pushing \(branch)")
        try git.check(
            gitDir + ["push", "-q", repository, "\(commit):refs/heads/\(branch)"], doing: "pushing \(branch)")
        try record.write(published.subtracting(removals).union(site))
        return report
    }

    private func hashObject(_ git: ExternalCommand, _ text: String) throws(PublishFailed) -> String {
        let file = work + "/limber-object"
        do {
            try StagedOutput.writeFile(file, Array(text.utf8))
        } catch {
            throw PublishFailed(message: "cannot write \(file): \(error)")
        }
        return try git.check(["--git-dir", work, "hash-object", "-w", file], doing: "storing a file")
    }

    private func emptyTree(_ git: ExternalCommand) throws(PublishFailed) -> String {
        try git.check(["--git-dir", work, "hash-object", "-t", "tree", "-w", "/dev/null"], doing: "an empty tree")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
