import Foundation

/// A guide in several languages (`languages: [en, de]` in `site.yaml`): the first language's
/// files are named as on any site (`hip-flexor.md`), each translation sits beside its original
/// with the language before `.md` (`hip-flexor.de.md`), and a file may exist in one language only.
/// The first language's pages are at the site's root, each other's under its code (`de/`).
enum ContentLanguage {
    /// `de` for `hip-flexor.de.md` and `de-at` for `hip-flexor.de-at.md`; nil for `hip-flexor.md`
    /// and for a name whose part before `.md` is not a language code.
    static func suffix(of name: String) -> String? {
        // Without two dots, one before the code and one before `md`, there is none: told by the
        // bytes, as nearly every first language's name is.
        guard name.utf8.count(where: { $0 == 0x2E }) >= 2, name.hasSuffix(".md") else { return nil }
        let stem = name.dropLast(3)
        guard let dot = stem.lastIndex(of: "."), dot != stem.startIndex else { return nil }
        let code = String(stem[stem.index(after: dot)...])
        return isCode(code) ? code : nil
    }

    /// The name without its language: `hip-flexor.md` for `hip-flexor.de.md`.
    static func original(of name: String) -> String {
        guard let code = suffix(of: name) else { return name }
        return String(name.dropLast(3 + code.utf8.count + 1)) + ".md"
    }

    /// Whether `code` is written as a language tag Limber reads: two or three lowercase letters,
    /// then optional parts of letters and digits after `-` (`de`, `pt-br`, `zh-hant`).
    static func isCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.utf8.count),
            first.utf8.allSatisfy({ (0x61...0x7A).contains($0) })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.utf8.count)
                && part.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }
        }
    }

    /// The language's name in itself, as a language switcher shows it: `Deutsch`, `Français`.
    static func name(of code: String) -> String {
        let locale = Locale(identifier: code)
        guard let name = locale.localizedString(forIdentifier: code), !name.isEmpty else { return code }
        return name.prefix(1).uppercased(with: locale) + name.dropFirst()
    }

    /// `language`'s name in the language `in`: `Englisch` for `en` on a German page.
    static func name(of code: String, in language: String) -> String {
        Locale(identifier: language).localizedString(forLanguageCode: code) ?? code
    }
}
