/// schema.org data for search engines, as JSON-LD: a `HowTo` for each stretch, an `ExercisePlan`
/// for each routine, a `BlogPosting` for each article. Written field by field with keys in sorted order, so the output is the same
/// on every build; safe to stand inside a `<script type="application/ld+json">` element.
enum StructuredData {
    /// `imageFile` is where the stretch's picture is published, relative to the site's root.
    static func howTo(_ stretch: Stretch, guide: Guide, imageFile: String? = nil) -> String {
        var json = JSONObject()
        json.field("@context", "https://schema.org")
        json.field("@type", "HowTo")
        json.field("description", stretch.summary)
        if let image = stretch.image { json.field("image", guide.settings.siteURL + (imageFile ?? image.src)) }
        json.field("name", stretch.title)
        let ordered = stretch.body.orderedSteps
        let steps = ordered.isEmpty ? [stretch.summary] : ordered
        json.objects("step", steps.enumerated()) { step, object in
            object.field("@type", "HowToStep")
            object.field("position", step.offset + 1)
            object.field("text", step.element)
        }
        if !stretch.equipment.isEmpty {
            json.objects("tool", stretch.equipment) { name, tool in
                tool.field("@type", "HowToTool")
                tool.field("name", name)
            }
        }
        // The time its page shows (`Guide.totalSeconds(of:)`). A Duration has one value: a range
        // of time gives its longer end, the time to set aside.
        if !stretch.dose.isUntimed {
            json.field("totalTime", isoDuration(guide.totalSeconds(of: stretch).upperBound))
        }
        json.field("url", guide.settings.baseURL + Paths.stretch(stretch.slug))
        if let video = stretch.video {
            json.object("video") { object in
                object.field("@type", "VideoObject")
                object.field("contentUrl", video)
                object.field("name", stretch.title)
            }
        }
        return json.text
    }

    static func exercisePlan(_ routine: Routine, guide: Guide) -> String {
        var json = JSONObject()
        json.field("@context", "https://schema.org")
        json.field("@type", "ExercisePlan")
        // A routine with steps in words has no time to give.
        if !guide.hasUntimedSteps(routine) { duration(guide.totalSeconds(of: routine), into: &json) }
        if let frequency = routine.frequency { json.field("activityFrequency", frequency.display) }
        if let date = routine.date { json.field("datePublished", date) }
        json.field("description", routine.summary)
        json.field("exerciseType", "Stretching")
        // Each step is a plan of its own, with the fields that describe one exercise's dose.
        json.objects("hasPart", routine.steps) { step, part in
            let stretch = guide.stretch(step.stretch.slug)
            let dose = guide.dose(of: step)
            part.field("@type", "ExercisePlan")
            if !dose.isUntimed { duration(guide.seconds(of: dose), into: &part) }
            part.field("description", dose.text(in: guide.settings.doseWords))
            part.field("name", stretch.title)
            if case .reps(let reps, _) = dose.work { quantity("repetitions", reps, unit: nil, into: &part) }
            if let rest = dose.rest { quantity("restPeriods", rest, unit: "SEC", into: &part) }
            let url = guide.isBorrowed(stretch.slug) ? guide.settings.siteURL : guide.settings.baseURL
            part.field("url", url + Paths.stretch(stretch.slug))
        }
        json.field("name", routine.title)
        json.field("url", guide.settings.baseURL + Paths.routine(routine.slug))
        return json.text
    }

    /// `activityDuration`: a Duration, or, for a range, a QuantitativeValue in seconds.
    private static func duration(_ time: ClosedRange<Int>, into json: inout JSONObject) {
        if time.lowerBound == time.upperBound {
            json.field("activityDuration", isoDuration(time.lowerBound))
        } else {
            quantity("activityDuration", time, unit: "SEC", into: &json)
        }
    }

    /// A number, or a QuantitativeValue (with a UN/CEFACT unit code) when it has a unit or a range.
    private static func quantity(
        _ name: StaticString, _ value: ClosedRange<Int>, unit: String?, into json: inout JSONObject
    ) {
        if unit == nil, value.lowerBound == value.upperBound {
            json.field(name, value.lowerBound)
            return
        }
        json.object(name) { quantity in
            quantity.field("@type", "QuantitativeValue")
            if value.lowerBound == value.upperBound {
                if let unit { quantity.field("unitCode", unit) }
                quantity.field("value", value.lowerBound)
            } else {
                quantity.field("maxValue", value.upperBound)
                quantity.field("minValue", value.lowerBound)
                if let unit { quantity.field("unitCode", unit) }
            }
        }
    }

    static func blogPosting(_ article: Article, guide: Guide) -> String {
        var json = JSONObject()
        json.field("@context", "https://schema.org")
        json.field("@type", "BlogPosting")
        if let author = article.author {
            json.object("author") { person in
                person.field("@type", "Person")
                person.field("name", author)
            }
        }
        json.field("dateModified", article.updated ?? article.date)
        json.field("datePublished", article.date)
        json.field("description", article.summary)
        json.field("headline", article.title)
        if let image = article.image { json.field("image", guide.settings.siteURL + image.src) }
        if !article.tags.isEmpty { json.field("keywords", article.tags.joined(separator: ", ")) }
        json.object("publisher") { site in
            site.field("@type", "Organization")
            site.field("name", guide.settings.title)
        }
        json.field("url", guide.settings.baseURL + Paths.article(article.slug))
        json.field("wordCount", article.body.words)
        return json.text
    }

    /// `PT8M10S` for 490 seconds.
    static func isoDuration(_ seconds: Int) -> String {
        var text = "PT"
        if seconds >= 60 { text += "\(seconds / 60)M" }
        if seconds % 60 != 0 || seconds == 0 { text += "\(seconds % 60)S" }
        return text
    }
}

/// A JSON object written as its fields are added; the caller adds them in key order. Objects
/// inside it are written into the same bytes.
struct JSONObject {
    private var out = JSONBytes("{")
    private var isEmpty = true

    var text: String {
        var json = out
        json += "}"
        return json.text
    }

    /// A key: always a name written in Limber's code, which needs no escaping.
    private mutating func key(_ name: StaticString) {
        out += isEmpty ? "\"" : ",\""
        isEmpty = false
        out += name
        out += "\":"
    }

    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        JSONText.string(value, into: &out)
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        out += String(value)
    }

    /// A value that is JSON already.
    mutating func raw(_ name: StaticString, _ json: String) {
        key(name)
        out += json
    }

    /// An object, its fields added by `fill`.
    mutating func object(_ name: StaticString, _ fill: (inout JSONObject) -> Void) {
        key(name)
        inner(fill)
    }

    /// A list of objects, one for each item, its fields added by `fill`.
    mutating func objects<Item>(
        _ name: StaticString, _ items: some Sequence<Item>, _ fill: (Item, inout JSONObject) -> Void
    ) {
        key(name)
        out += "["
        var first = true
        for item in items {
            if !first { out += "," }
            first = false
            inner { fill(item, &$0) }
        }
        out += "]"
    }

    /// An object written on at the end of this one's bytes, which it borrows meanwhile.
    private mutating func inner(_ fill: (inout JSONObject) -> Void) {
        var object = JSONObject(out: JSONBytes(), isEmpty: true)
        swap(&object.out, &out)
        object.out += "{"
        fill(&object)
        object.out += "}"
        swap(&object.out, &out)
    }
}
