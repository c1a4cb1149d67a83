import Testing

@testable import LimberKit

@Suite struct DoseTests {
    // MARK: - Forms, their normal form and their time

    /// Every form a physio writes, with the page's normal form and the time by the site's default
    /// `rep_seconds` (3) and `breath_seconds` (5).
    @Test(
        arguments: [
            // Lengths of time, as before.
            ("30 s each leg", "30 s · each leg", 60...60),
            ("30 sec", "30 s", 30...30),
            ("30 secs each leg", "30 s · each leg", 60...60),
            ("30 seconds", "30 s", 30...30),
            ("2 min each leg", "2 min · each leg", 240...240),
            ("1 min", "1 min", 60...60),
            ("45 Seconds each arm", "45 s · each arm", 90...90),
            ("20 s each side", "20 s · each side", 40...40),
            ("1 min 30 s", "1 min 30 s", 90...90),
            ("90 s", "1 min 30 s", 90...90),
            // Reps and breaths.
            ("1 rep", "1 rep", 3...3),
            ("5 reps each leg", "5 reps · each leg", 30...30),
            ("10 reps each legs", "10 reps · each leg", 60...60),
            ("10 times", "10 reps", 30...30),
            ("5 breaths", "5 breaths", 25...25),
            ("1 breath", "1 breath", 5...5),
            // A hold per rep: hold + rep_seconds each.
            ("10 x 5 s hold", "10 × 5 s hold", 80...80),
            ("10 × 5 s hold", "10 × 5 s hold", 80...80),
            ("10 reps, 5 s hold", "10 × 5 s hold", 80...80),
            ("10 reps with a 5 s hold", "10 × 5 s hold", 80...80),
            ("10 x 5 s hold each side", "10 × 5 s hold · each side", 160...160),
            // Sets.
            ("3 x 30 s", "3 × 30 s", 90...90),
            ("3x20s each leg", "3 × 20 s · each leg", 120...120),
            ("2 × 1 minute", "2 × 1 min", 120...120),
            ("3 sets of 10 reps", "3 × 10 reps", 90...90),
            ("3 x 10", "3 × 10 reps", 90...90),
            ("2 x 10 each side", "2 × 10 reps · each side", 120...120),
            ("3 sets of 10 reps, 5 s hold", "3 sets of 10 × 5 s hold", 240...240),
            ("3 sets of 10 x 5 s hold", "3 sets of 10 × 5 s hold", 240...240),
            ("2 x 5 breaths", "2 × 5 breaths", 50...50),
            // A rest between sets: (sets - 1) rests.
            ("3 x 30 s, rest 15 s", "3 × 30 s, rest 15 s", 120...120),
            ("3 x 30 s with 15 s rest", "3 × 30 s, rest 15 s", 120...120),
            ("3 x 30 s, 15 s rest between sets", "3 × 30 s, rest 15 s", 120...120),
            ("2 x 30 s, rest 10 s each leg", "2 × 30 s, rest 10 s · each leg", 140...140),
            // Ranges anywhere a number stands.
            ("30-60 s", "30–60 s", 30...60),
            ("30–60 s", "30–60 s", 30...60),
            ("30 to 60 s", "30–60 s", 30...60),
            ("1-2 min", "1–2 min", 60...120),
            ("8-12 reps", "8–12 reps", 24...36),
            ("2-3 sets of 10", "2–3 × 10 reps", 60...90),
            ("2-3 x 30 s, rest 10-20 s", "2–3 × 30 s, rest 10–20 s", 70...130),
            ("8-12 x 5-10 s hold per side", "8–12 × 5–10 s hold · each side", 128...312),
            // Sides.
            ("30 s per side", "30 s · each side", 60...60),
            ("30 s per leg", "30 s · each leg", 60...60),
            ("30 s, per arm", "30 s · each arm", 60...60),
            ("30 s on each side", "30 s · each side", 60...60),
            // The worked examples of docs/content.md.
            (
                "3 sets of 10 reps, 5 s hold, rest 30 s each side", "3 sets of 10 × 5 s hold, rest 30 s · each side",
                600...600
            ),
            ("2-3 x 30-45 s", "2–3 × 30–45 s", 60...135),
        ] as [(String, String, ClosedRange<Int>)])
    func readsWhatPhysiosWrite(text: String, display: String, seconds: ClosedRange<Int>) throws {
        let dose = try Dose(parsing: text)
        #expect(dose.display == display)
        #expect(dose.seconds(repSeconds: 3, breathSeconds: 5) == seconds)
        // The normal form reads back as the same dose.
        #expect(try Dose(parsing: dose.display) == dose)
    }

    /// What coaches write beside physios: a word before reps and breaths, the side before the rest,
    /// a full stop, the compact `2x30s/side`, rounds for sets.
    @Test(
        arguments: [
            ("5 deep breaths", "5 deep breaths", 25...25),
            ("10 slow reps", "10 slow reps", 30...30),
            ("8 easy reps each leg", "8 easy reps · each leg", 48...48),
            ("6 gentle breaths", "6 gentle breaths", 30...30),
            ("3 x 10 controlled reps", "3 × 10 controlled reps", 90...90),
            ("10 slow reps, 5 s hold", "10 slow reps, 5 s hold", 80...80),
            ("3 sets of 10 slow reps, 5 s hold", "3 sets of 10 slow reps, 5 s hold", 240...240),
            ("2 x 5 deep breaths each side, rest 10 s", "2 × 5 deep breaths, rest 10 s · each side", 120...120),
            ("3 sets of 12 each side, rest 30 s", "3 × 12 reps, rest 30 s · each side", 336...336),
            ("2 x 30 s each side, 15 s rest", "2 × 30 s, rest 15 s · each side", 150...150),
            ("1 min.", "1 min", 60...60),
            ("30 s each leg.", "30 s · each leg", 60...60),
            ("2x30s/side", "2 × 30 s · each side", 120...120),
            ("30 s / leg", "30 s · each leg", 60...60),
            ("10 reps per leg", "10 reps · each leg", 60...60),
            ("3 rounds of 30 s", "3 × 30 s", 90...90),
            ("2 rounds of 10 reps, rest 20 s", "2 × 10 reps, rest 20 s", 80...80),
        ] as [(String, String, ClosedRange<Int>)])
    func readsWhatCoachesWrite(text: String, display: String, seconds: ClosedRange<Int>) throws {
        let dose = try Dose(parsing: text)
        #expect(dose.display == display)
        #expect(dose.seconds(repSeconds: 3, breathSeconds: 5) == seconds)
        #expect(try Dose(parsing: dose.display) == dose)
    }

    @Test func aDoseInWordsIsUntimedAndShownAsWritten() {
        let dose = Dose.text("until relaxed")
        #expect(dose.isUntimed)
        #expect(dose.display == "until relaxed")
        #expect(dose.seconds(repSeconds: 3, breathSeconds: 5) == 0...0)
        #expect(
            dose.schedule(repSeconds: 3, breathSeconds: 5) == [DoseSegment(kind: .untimed, set: 1, seconds: 0...0)])
        #expect(throws: DoseError.self) { try Dose(parsing: "until relaxed") }
    }

    @Test(
        arguments: [
            ("30 s each leg", Dose(work: .hold(30...30), side: "leg")),
            ("5 deep breaths", Dose(work: .breaths(5...5), manner: "deep")),
            ("2 x 30 s each side, 15 s rest", Dose(sets: 2...2, work: .hold(30...30), rest: 15...15, side: "side")),
            ("3 x 30 s", Dose(sets: 3...3, work: .hold(30...30))),
            ("3 x 10", Dose(sets: 3...3, work: .reps(10...10, hold: nil))),
            ("10 x 5 s hold", Dose(work: .reps(10...10, hold: 5...5))),
            ("2-3 sets of 8-12 reps, 5 s hold", Dose(sets: 2...3, work: .reps(8...12, hold: 5...5))),
            ("3 x 30 s, rest 15 s", Dose(sets: 3...3, work: .hold(30...30), rest: 15...15)),
            ("5 breaths", Dose(work: .breaths(5...5))),
        ] as [(String, Dose)])
    func readsWhatEachPartMeans(text: String, expected: Dose) throws {
        #expect(try Dose(parsing: text) == expected)
    }

    @Test func repsAndBreathsCountAsTheSiteSays() throws {
        #expect(try Dose(parsing: "5 reps each leg").seconds(repSeconds: 4, breathSeconds: 5) == 40...40)
        #expect(try Dose(parsing: "10 x 5 s hold").seconds(repSeconds: 2, breathSeconds: 5) == 70...70)
        #expect(try Dose(parsing: "6 breaths").seconds(repSeconds: 3, breathSeconds: 8) == 48...48)
    }

    // MARK: - The schedule

    @Test func aHoldOnEachSideIsEverySetOnOneSideThenTheOther() throws {
        let schedule = try Dose(parsing: "2 x 30 s, rest 10 s each leg").schedule(repSeconds: 3, breathSeconds: 5)
        #expect(
            schedule == [
                DoseSegment(kind: .hold, side: 1, set: 1, seconds: 30...30),
                DoseSegment(kind: .rest, side: 1, set: 1, seconds: 10...10),
                DoseSegment(kind: .hold, side: 1, set: 2, seconds: 30...30),
                DoseSegment(kind: .hold, side: 2, set: 1, seconds: 30...30),
                DoseSegment(kind: .rest, side: 2, set: 1, seconds: 10...10),
                DoseSegment(kind: .hold, side: 2, set: 2, seconds: 30...30),
            ])
    }

    @Test func repsWithAHoldAreOneRunPerSet() throws {
        let schedule = try Dose(parsing: "3 sets of 10 reps, 5 s hold").schedule(repSeconds: 3, breathSeconds: 5)
        #expect(
            schedule
                == (1...3).map {
                    DoseSegment(kind: .reps, set: $0, count: 10...10, hold: 5...5, seconds: 80...80)
                })
    }

    @Test func aSingleDoseIsOneSegment() throws {
        #expect(
            try Dose(parsing: "1 min 30 s").schedule(repSeconds: 3, breathSeconds: 5) == [
                DoseSegment(kind: .hold, set: 1, seconds: 90...90)
            ])
        #expect(
            try Dose(parsing: "8-12 reps").schedule(repSeconds: 3, breathSeconds: 5) == [
                DoseSegment(kind: .reps, set: 1, count: 8...12, seconds: 24...36)
            ])
        #expect(
            try Dose(parsing: "5 breaths per side").schedule(repSeconds: 3, breathSeconds: 4) == [
                DoseSegment(kind: .breaths, side: 1, set: 1, count: 5...5, seconds: 20...20),
                DoseSegment(kind: .breaths, side: 2, set: 1, count: 5...5, seconds: 20...20),
            ])
    }

    @Test func theSetsOnlyTheHighEndDoesAreOptional() throws {
        let schedule = try Dose(parsing: "2-3 x 30-45 s, rest 15 s").schedule(repSeconds: 3, breathSeconds: 5)
        #expect(
            schedule == [
                DoseSegment(kind: .hold, set: 1, seconds: 30...45),
                DoseSegment(kind: .rest, set: 1, seconds: 15...15),
                DoseSegment(kind: .hold, set: 2, seconds: 30...45),
                DoseSegment(kind: .rest, set: 2, seconds: 0...15, isOptional: true),
                DoseSegment(kind: .hold, set: 3, seconds: 0...45, isOptional: true),
            ])
        #expect(try Dose(parsing: "2-3 x 30-45 s, rest 15 s").seconds(repSeconds: 3, breathSeconds: 5) == 75...165)
    }

    // MARK: - Mistakes

    @Test(
        arguments: [
            ("", 0, "a dose starts with a number", nil),
            ("thirty seconds", 0, "a dose starts with a number", nil),
            ("30", 2, "missing a unit after 30", "did you mean '30 s'?"),
            ("30 hrs", 3, "unknown unit 'hrs' in dose", "did you mean '30 s'?"),
            ("30 s each knee", 10, "expected 'leg', 'arm' or 'side' after 'each'", nil),
            ("30 s both legs", 5, "unexpected text in dose", nil),
            ("30 s each leg please", 14, "unexpected text after the dose", nil),
            ("0 s", 0, "a dose of zero", nil),
            // The near misses: each names the nearest accepted form.
            ("10 x 5s hld", 8, "unexpected text in dose", "did you mean '10 x 5s hold'?"),
            (
                "3 sets of", 9, "expected what each set holds after 'of', like '10 reps' or '30 s'",
                "did you mean '3 sets of 10 reps'?"
            ),
            ("30- s", 4, "a range needs a second number, like '30-60'", "did you mean '30 s'?"),
            ("2 sets 10 reps", 7, "expected 'of' after 'sets'", "did you mean '2 sets of 10 reps'?"),
            ("10 swings each leg", 3, "unknown unit 'swings' in dose", "did you mean '10 reps each leg'?"),
            (
                "10 reps, 5 s hodl", 13, "expected 'hold' or 'rest' after a length of time",
                "did you mean '10 reps, 5 s hold'?"
            ),
            (
                "30 s, rest 15 s", 6, "a rest goes between sets, and this dose has one set",
                "name the sets, like '3 x 30 s, rest 15 s'"
            ),
            ("30 s, 5 s hold", 10, "a hold per rep needs reps before it", "write it like '10 reps, 5 s hold'"),
            ("60-30 s", 0, "a range goes from the lower number to the higher one", "write '30-60'"),
            ("1 min 75 s", 6, "more than 59 seconds after the minutes", "write '2 min 15 s'"),
            ("3 x 30 s,", 9, "expected more after ','", "did you mean '3 x 30 s'?"),
            ("100 x 30 s", 0, "more than 99 sets", nil),
            // Near misses of what coaches write: each names a form that reads.
            ("5 deap breaths", 2, "unknown unit 'deap' in dose", "did you mean '5 deep breaths'?"),
            ("5 deep breths", 7, "expected 'reps' or 'breaths' after 'deep'", "did you mean '5 deep breaths'?"),
            ("5 deep", 6, "expected 'reps' or 'breaths' after 'deep'", "did you mean '5 deep breaths'?"),
            ("30 gentle s", 10, "expected 'reps' or 'breaths' after 'gentle'", "did you mean '30 s'?"),
            ("2x30s/sied", 6, "expected 'leg', 'arm' or 'side' after '/'", "did you mean '2x30s/side'?"),
            ("3 rounds 30 s", 9, "expected 'of' after 'rounds'", "did you mean '3 rounds of 30 s'?"),
            ("3 x 30 s each side, rest 15 s each side", 30, "the side is named twice in this dose", nil),
            (
                "3 x 30 s each side please", 19, "unexpected text after the dose",
                "after the side, a dose may name a rest: '3 x 30 s each side, rest 15 s'"
            ),
            (
                "2 x 30 s each side, 15 s rst", 25, "expected 'hold' or 'rest' after a length of time",
                "did you mean '2 x 30 s each side, 15 s rest'?"
            ),
            ("1 min..", 5, "unexpected text in dose", nil),
            (
                "until relaxed", 0, "a dose starts with a number",
                "a dose in words, without a time, is written 'dose: {text: until relaxed}'"
            ),
            ("99 x 999 min", 0, "a dose longer than a day", nil),
        ] as [(String, Int, String, String?)])
    func reportsWhereADoseGoesWrong(text: String, offset: Int, message: String, note: String?) {
        #expect(throws: DoseError.self) { try Dose(parsing: text) }
        do {
            _ = try Dose(parsing: text)
        } catch {
            #expect(error.offset == offset)
            #expect(error.message == message)
            if let note { #expect(error.note == note) }
        }
    }

    // MARK: - Lengths of time

    /// A dose in plain ASCII is read from its bytes, any other Character by Character: the same
    /// dose written with `×` for `x` reads the same, and goes wrong at the same place.
    @Test(arguments: [
        "3 x 30 s each side", "2x30s/side", "10 x 5 s hold", "3 x 30 s, rest 15 s", "1234567 x 30 s",
        "3 x 30 Sek. je Seite", "3 x 30 s.", "3 x 30 s each knee", "3 x 30 swings",
    ])
    func readsPlainASCIIAsItReadsOtherText(ascii: String) throws {
        let other = ascii.replacingOccurrences(of: "x", with: "×")
        #expect(!other.utf8.allSatisfy { $0 < 0x80 })
        for words in [DoseWords.english, try #require(DoseWords.builtIn["de"])] {
            func read(_ text: String) -> Result<Dose, DoseError> {
                do { return .success(try Dose(parsing: text, words: words)) } catch { return .failure(error) }
            }
            switch (read(ascii), read(other)) {
            case (.success(let one), .success(let two)): #expect(one == two)
            case (.failure(let one), .failure(let two)):
                #expect(one.offset == two.offset)
                #expect(one.message == two.message)
            default: Issue.record("'\(ascii)' and '\(other)' read differently in \(words.language)")
            }
        }
    }

    @Test(arguments: [(45, "45 s"), (60, "1 min"), (490, "8 min 10 s"), (3600, "60 min")])
    func formatsDurations(seconds: Int, text: String) {
        #expect(formatDuration(seconds: seconds) == text)
    }

    @Test func formatsARangeOfTimeWithBothEnds() {
        #expect(formatDuration(seconds: 720...930) == "12 min – 15 min 30 s")
        #expect(formatDuration(seconds: 490...490) == "8 min 10 s")
    }
}
