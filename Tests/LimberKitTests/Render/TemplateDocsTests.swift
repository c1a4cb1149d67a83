import Foundation
import LimberTemplates
import Testing

@testable import LimberKit

/// docs/templates.md is where theme authors learn what a page has: every name a view offers
/// must be written there.
@Suite struct TemplateDocsTests {
    /// Every view type reachable from the pages of a guide that uses every field, with its names.
    static func viewNames() throws -> [String: [String]] {
        let (theme, problems) = Theme.load(SiteFolder(root: TestSite.repository))
        let sample = SampleGuide.make()
        var builder = ViewBuilder(
            guide: sample, theme: try #require(theme, "\(problems)"), buildDate: "2000-01-01", withPDFs: true)
        builder.hasFeed = true
        var found: [String: [String]] = [:]
        func visit(_ value: TemplateValue) {
            switch value {
            case .list(let list): list.forEachValue(visit)
            case .scope(let scope):
                // The theme's assets are named after its files, not in code; its words are the keys of
                // its translation tables, which docs/translations.md describes.
                guard let view = scope as? any NamedValues, !(view is AssetsView), !(view is WordsView),
                    !(view is WordsJSONView)
                else { return }
                let type = "\(view.viewType)"
                guard found[type] == nil else { return }
                found[type] = view.names
                for name in view.names { view.value(named: name).map(visit) }
            case .text, .flag, .texts: return
            }
        }
        for page in sample.pages { visit(.scope(builder.view(for: page))) }
        return found
    }

    /// The words of the document's code spans: `site.title`, `{title, url}`, `has_cues`.
    static func documentedNames(_ docs: String) -> Set<Substring> {
        var documented: Set<Substring> = []
        for span in docs.split(separator: "`", omittingEmptySubsequences: false).enumerated() where span.offset % 2 == 1
        {
            documented.formUnion(span.element.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }))
        }
        return documented
    }

    @Test func everyNameAViewOffersIsDocumented() throws {
        let docs = try String(contentsOfFile: TestSite.repository + "/docs/templates.md", encoding: .utf8)
        let documented = Self.documentedNames(docs)
        let views = try Self.viewNames()
        #expect(views.keys.contains("StretchPageView") && views.keys.contains("StepView"))
        for (view, names) in views.sorted(by: { $0.key < $1.key }) {
            let missing = names.filter { !documented.contains(Substring($0)) }
            #expect(missing.isEmpty, "docs/templates.md does not describe \(missing) of \(view)")
        }
    }

    @Test func aNameLeftOutOfTheDocsIsFound() throws {
        // The check above reads names from code spans only: a name in running text is not enough.
        let documented = Self.documentedNames("The `stretch` page has title and a `list` of `{name, url}`.")
        #expect(documented == ["stretch", "list", "name", "url"])
    }
}
