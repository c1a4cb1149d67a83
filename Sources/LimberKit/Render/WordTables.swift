/// The theme's translation tables, `templates/i18n/<language>.yaml`: Limber's own (English,
/// German, French, Spanish, Italian, Dutch, Portuguese) and the site's, whose keys override
/// Limber's one by one and which may add a language Limber has no table for.
///
/// A table is flat: each key a phrase, its value a text, or for a phrase with a number a mapping
/// of CLDR plural categories (`one: "{count} stretch"`, `other: "{count} stretches"`). English is
/// what every language falls back to, key by key. The top-level `dose:` group belongs to the dose
/// grammar, not to the theme, and is left to it.
struct WordTables: Sendable {
    /// One table as read, with where each key is written.
    struct Table: Sendable {
        var path: String
        var phrases: [String: Phrase] = [:]
        var locations: [String: SourceLocation] = [:]
    }

    /// Limber's tables and the site's, by language as named in the file (`de`, `pt-BR`).
    let builtIn: [String: Table]
    let site: [String: Table]
    /// Problems in the site's tables: a key no table knows, a value that is not a text.
    let problems: [Diagnostic]

    /// Limber's own tables, without a site's.
    static let limbers = WordTables(files: BuiltInTheme.files)

    /// Keys of a table that are not the theme's words.
    static let reserved: Set<String> = ["dose"]
    static let folder = "i18n/"

    /// The tables among the theme's files (relative to `templates/`): a file the site has that
    /// differs from Limber's is the site's.
    init(files: [String: [UInt8]], builtInFiles: [String: [UInt8]] = BuiltInTheme.files) {
        var builtIn: [String: Table] = [:]
        var site: [String: Table] = [:]
        var problems: [Diagnostic] = []
        for (relative, bytes) in builtInFiles where Self.isTable(relative) {
            let (table, _) = Self.read(bytes, path: "templates/" + relative)
            builtIn[Self.language(of: relative)] = table
        }
        for (relative, bytes) in files where Self.isTable(relative) && builtInFiles[relative] != bytes {
            let (table, tableProblems) = Self.read(bytes, path: "templates/" + relative)
            site[Self.language(of: relative)] = table
            problems += tableProblems
        }
        // A key is the theme's when Limber's English table has it, or the site's own English
        // table adds it for the site's own templates.
        let known = Set(builtIn["en"]?.phrases.keys ?? [:].keys).union(site["en"]?.phrases.keys ?? [:].keys)
        let sortedKnown = known.sorted()
        for (language, table) in site {
            for (key, location) in table.locations where !known.contains(key) {
                problems.append(
                    .warning(
                        at: location, "'\(key)' in the '\(language)' table is not one of the theme's words",
                        note: Suggestion.note(for: key, in: sortedKnown)
                            ?? "a new key for the site's own templates goes in templates/i18n/en.yaml too"))
            }
        }
        self.builtIn = builtIn
        self.site = site
        self.problems = problems.sortedByLocation()
    }

    static func isTable(_ relative: String) -> Bool {
        relative.hasPrefix(folder) && relative.hasSuffix(".yaml") && !relative.dropFirst(folder.count).contains("/")
    }

    static func language(of relative: String) -> String {
        String(relative.dropFirst(folder.count).dropLast(".yaml".count))
    }

    /// `language`'s primary subtag: `pt` for `pt-BR`.
    static func primary(_ language: String) -> String {
        String(language.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "")
    }

    /// The tables that give `language` its words, most particular last: English, then Limber's
    /// table of the language (`pt` for `pt-BR`, then `pt-BR`), then the site's.
    private func layers(for language: String) -> [Table] {
        var names = ["en"]
        let primary = Self.primary(language)
        if primary != "en" { names.append(primary) }
        if language != primary { names.append(language) }
        var layers: [Table] = []
        for name in names {
            if let table = builtIn[name] { layers.append(table) }
            if let table = site[name] { layers.append(table) }
        }
        return layers
    }

    /// The words of the theme in `language`, each key from the most particular table that has it.
    func words(for language: String) -> Words {
        var phrases: [String: Phrase] = [:]
        for layer in layers(for: language) { phrases.merge(layer.phrases) { _, new in new } }
        return Words(language: language, phrases: phrases)
    }

    /// Warnings about `language`'s words, for a site in that language: no table at all (at
    /// `setting`, where `site.yaml` names the language), or a site's table of a language Limber
    /// has none of, missing keys that then show in English.
    func problems(for language: String, at setting: SourceLocation) -> [Diagnostic] {
        let primary = Self.primary(language)
        guard primary != "en" else { return [] }
        if builtIn[language] != nil || builtIn[primary] != nil { return [] }
        guard let own = site[language] ?? site[primary] else {
            return [
                .warning(
                    at: setting, "Limber has no translation table for '\(language)': the theme's words are in English",
                    note:
                        "write them in templates/i18n/\(language).yaml (Limber has \(builtIn.keys.sorted().joined(separator: ", ")); see docs/translations.md)"
                )
            ]
        }
        let english = words(for: "en").phrases
        let missing = english.keys.filter { own.phrases[$0] == nil }.sorted()
        guard let first = missing.first else { return [] }
        let more = missing.count > 1 ? " and \(missing.count - 1) more" : ""
        return [
            .warning(
                at: SourceLocation(path: own.path, line: 1, column: 1),
                "the '\(language)' table has no '\(first)'\(more): those words are shown in English",
                note: missing.count > 1 ? "missing: " + missing.prefix(12).joined(separator: ", ") : nil)
        ]
    }

    // MARK: - Reading a table

    /// A table's phrases, with a warning at each value that is not a phrase.
    static func read(_ bytes: [UInt8], path: String) -> (Table, [Diagnostic]) {
        var table = Table(path: path)
        var problems: [Diagnostic] = []
        func at(_ mark: Node.Mark) -> SourceLocation {
            SourceLocation(path: path, line: mark.line, column: mark.column)
        }
        let root: Node?
        do throws(YAMLError) {
            root = try YAML.compose(String(decoding: bytes, as: UTF8.self))
        } catch {
            return (table, [.error(at: at(error.mark), "the translation table is not YAML: \(error.problem)")])
        }
        guard let root else { return (table, []) }
        guard case .mapping(let top) = root else {
            return (
                table, [.error(at: at(root.mark ?? .init(line: 1, column: 1)), "a translation table is a list of keys")]
            )
        }
        for (keyNode, value) in top.pairs {
            guard let key = keyNode.scalar?.string, !reserved.contains(key) else { continue }
            let location = at(keyNode.mark ?? top.mark)
            switch value {
            case .scalar(let text):
                table.phrases[key] = .text(text.string)
                table.locations[key] = location
            case .mapping(let forms):
                var plural: [PluralCategory: String] = [:]
                for (formKey, formValue) in forms.pairs {
                    guard let name = formKey.scalar?.string, let category = PluralCategory(rawValue: name),
                        let text = formValue.scalar?.string
                    else {
                        problems.append(
                            .warning(
                                at: at(formKey.mark ?? forms.mark),
                                "'\(formKey.scalar?.string ?? "")' of '\(key)' is not a plural category with a text",
                                note: "the categories are zero, one, two, few, many and other"))
                        continue
                    }
                    plural[category] = text
                }
                guard plural[.other] != nil else {
                    problems.append(
                        .warning(
                            at: location, "'\(key)' has no 'other' form",
                            note: "every phrase with a number needs 'other', the form for any number"))
                    continue
                }
                table.phrases[key] = .plural(plural)
                table.locations[key] = location
            case .sequence:
                problems.append(.warning(at: location, "'\(key)' is a list: a phrase is a text, or its plural forms"))
            }
        }
        return (table, problems)
    }
}
