import Diagnostics

/// The cause of a YAML syntax error that libyaml reports ("while parsing a block mapping did not
/// find expected key"), at the place to change: a case of `YAMLProblem`, worded in Diagnostics'
/// `Wording/YAMLProblem.swift`. What libyaml says is a symptom, often lines after the cause (a
/// quote left open runs on to the next quote in the file); the cause is looked for in the lines
/// up to it. What is not recognised keeps libyaml's words.
extension YAMLReader {
    func explain(context: LibYAML.Problem.Context?, problem: String, at mark: YAMLNode.Mark, in text: String) -> Diagnostic {
        let lines = sourceLines(Substring(text))
        func line(_ number: Int) -> Substring { lines.indices.contains(number - 1) ? lines[number - 1] : "" }
        // Columns here are libyaml's, in Unicode scalars: converted once, here.
        func error(_ line: Int, _ column: Int, _ problem: YAMLProblem) -> Diagnostic {
            .error(
                SourceLocation(file: file, line: line + lineOffset, column: self.column(ofScalarColumn: column, line: line)),
                .yaml(problem))
        }
        let during = context?.text ?? ""
        let here = line(mark.line)

        // A quote opened and not closed on its line.
        for number in 1...max(1, min(mark.line, lines.count)) {
            if let (column, quote) = Self.unclosedQuote(in: line(number)) {
                return error(number, column, .unclosedQuote(quote: String(quote)))
            }
        }
        if problem.contains("tab") || Self.character(at: mark.column, in: here) == "\t" {
            let column = here.prefix { $0 == " " || $0 == "\t" }.firstIndex(of: "\t").map {
                here.unicodeScalars.distance(from: here.startIndex, to: $0) + 1
            }
            return error(mark.line, column ?? mark.column, .tabInIndentation)
        }
        if during.contains("flow sequence") || during.contains("flow mapping"), let context {
            return error(context.mark.line, context.mark.column, .unclosedBracket(list: during.contains("sequence")))
        }
        if during.contains("quoted scalar"), let context {
            let quote = Self.character(at: context.mark.column, in: line(context.mark.line)) ?? "\""
            return error(context.mark.line, context.mark.column, .unclosedQuote(quote: String(quote)))
        }
        if problem.contains("mapping values are not allowed") {
            let before = Self.prefix(of: here, before: mark.column)
            if let pair = Self.keyAndValue(here), before.contains(": ") {
                return error(mark.line, mark.column, .colonInValue(key: pair.key, value: pair.value))
            }
            return indentation(of: mark.line, lines: lines, error: error)
        }
        if problem.contains("could not find expected ':'"), let context {
            return error(context.mark.line, context.mark.column, .noKey)
        }
        if problem.contains("cannot start any token") || during.contains("alias") || during.contains("anchor") || during.contains("tag") {
            let place = problem.contains("cannot start any token") || context == nil ? mark : context!.mark
            let character = Self.character(at: place.column, in: line(place.line)) ?? "?"
            let pair = Self.keyAndValue(line(place.line))
            return error(place.line, place.column, .reservedStart(character: String(character), key: pair?.key, value: pair?.value))
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            let before = Self.prefix(of: here, before: mark.column).last(where: { $0 != " " })
            if before == "\"" || before == "'" {
                return error(mark.line, mark.column, .textAfterClosingQuote)
            }
            return indentation(of: mark.line, lines: lines, error: error)
        }
        return error(mark.line, mark.column, .syntax(libyaml: during.isEmpty ? problem : "\(during) \(problem)"))
    }

    /// Line `number` is indented unlike the lines of its block.
    private func indentation(
        of number: Int, lines: [Substring],
        error: (Int, Int, YAMLProblem) -> Diagnostic
    ) -> Diagnostic {
        func indent(_ line: Substring) -> Int { line.prefix { $0 == " " }.count }
        let line = lines.indices.contains(number - 1) ? lines[number - 1] : ""
        let above = lines.prefix(max(0, number - 1)).last(where: {
            !String($0).trimmingWhitespace.isEmpty && !String($0).trimmingWhitespace.hasPrefix("#")
        })
        // Above, a list item's first key: its keys line up after the "- ", not with the dash.
        if let above, let (key, keyIndent) = Self.listItemKey(above), keyIndent != indent(line) {
            return error(number, indent(line) + 1, .listItemIndentation(indent: indent(line), key: key, keyIndent: keyIndent))
        }
        guard let above, indent(above) != indent(line) else {
            return error(number, indent(line) + 1, .blockIndentation)
        }
        return error(number, indent(line) + 1, .indentation(indent: indent(line), above: indent(above)))
    }

    /// The column (1-based, in Unicode scalars as libyaml counts) and the character of a quote
    /// that opens a value of `line` and is not closed on it.
    static func unclosedQuote(in line: Substring) -> (column: Int, quote: Character)? {
        var rest = line.drop { $0 == " " }
        if rest.hasPrefix("#") { return nil }
        while rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        if rest.first != "\"", rest.first != "'" {
            guard let colon = rest.firstRange(of: ": ") else { return nil }
            rest = rest[colon.upperBound...].drop { $0 == " " }
        }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        var index = rest.index(after: rest.startIndex)
        while index < rest.endIndex {
            let character = rest[index]
            if quote == "\"", character == "\\" {
                index = rest.index(after: index)
                if index < rest.endIndex { index = rest.index(after: index) }
                continue
            }
            if character == quote {
                let next = rest.index(after: index)
                if quote == "'", next < rest.endIndex, rest[next] == "'" { index = rest.index(after: next); continue }
                return nil
            }
            index = rest.index(after: index)
        }
        return (line.unicodeScalars.distance(from: line.startIndex, to: rest.startIndex) + 1, quote)
    }

    /// The first key of a list item (`  - key: share`) and the spaces before it (4: the dash's
    /// indentation, the dash and the spaces after it); nil for any other line.
    static func listItemKey(_ line: Substring) -> (key: String, indent: Int)? {
        let afterIndent = line.drop { $0 == " " }
        guard afterIndent.hasPrefix("- ") else { return nil }
        let keyStart = afterIndent.dropFirst(2).drop { $0 == " " }
        guard let colon = keyStart.firstIndex(of: ":"), colon > keyStart.startIndex,
            keyStart.index(after: colon) == keyStart.endIndex || keyStart[keyStart.index(after: colon)] == " ",
            !keyStart[..<colon].contains(where: { $0 == " " || $0 == "\"" || $0 == "'" || $0 == "{" || $0 == "[" })
        else { return nil }
        return (String(keyStart[..<colon]), line.distance(from: line.startIndex, to: keyStart.startIndex))
    }

    /// `key` and the value after its `: ` on a line `key: value` (or `- key: value`).
    static func keyAndValue(_ line: Substring) -> (key: String, value: String)? {
        guard let colon = line.firstRange(of: ": ") else { return nil }
        var key = line[..<colon.lowerBound].drop { $0 == " " }
        while key.hasPrefix("- ") { key = key.dropFirst(2).drop { $0 == " " } }
        let value = String(line[colon.upperBound...]).trimmingWhitespace
        guard !key.isEmpty, !value.isEmpty else { return nil }
        return (String(key), value)
    }

    /// The character at libyaml's column `column` (in Unicode scalars) of `line`.
    static func character(at column: Int, in line: Substring) -> Character? {
        let scalars = line.unicodeScalars
        guard column >= 1, let index = scalars.index(scalars.startIndex, offsetBy: column - 1, limitedBy: scalars.endIndex),
            index < scalars.endIndex
        else { return nil }
        return Character(scalars[index])
    }

    /// The text of `line` before libyaml's column `column` (in Unicode scalars).
    static func prefix(of line: Substring, before column: Int) -> Substring {
        Substring(line.unicodeScalars.prefix(max(0, column - 1)))
    }
}
