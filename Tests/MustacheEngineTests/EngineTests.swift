import Testing

@testable import MustacheEngine

/// What Rapport needs beyond the specification: errors with their place, misses reported where
/// the name is used, declared-but-absent values, markup as bytes.
@Suite struct EngineTests {
    func render(_ templates: [String: String], _ context: [String: MustacheValue]) throws -> (String, [MustacheLibrary.Miss]) {
        let library = MustacheLibrary(try templates.mapValues { try MustacheTemplate($0) })
        let (output, misses) = library.render("page", context: .object(MustacheDictionary(context)))
        return (String(decoding: output, as: UTF8.self), misses)
    }

    @Test func syntaxErrorsSayWhereAndHowToFix() {
        func error(_ text: String) -> MustacheError? {
            do {
                _ = try MustacheTemplate(text)
                return nil
            } catch { return error }
        }
        #expect(
            error("<h1>{{#title}}</h1>\n")
                == MustacheError(message: "section \"title\" is never closed", fix: "add {{/title}}", line: 1, column: 5))
        #expect(
            error("é {{#a}}\n{{/b}}")
                == MustacheError(message: "section \"a\" is closed by \"b\"", fix: "close it with {{/a}}", line: 2, column: 1))
        #expect(error("x\n  {{/a}}")?.message == "\"a\" is closed but was never opened")
        #expect(error("{{title")?.fix == "end it with }}")
        #expect(error("{{}}")?.message == "empty tag")
        #expect(error("{{=<% %> x=}}")?.message == "invalid delimiters")
        #expect(error("{{< parent}}{{/parent}}")?.fix == "include the parts with {{> partial}} instead")
        // Columns count Unicode scalars, as editors do, not bytes.
        #expect(error("ééé {{#a}}")?.column == 5)
    }

    @Test func missesAreReportedOncePerPlaceWithTheirPlace() throws {
        let (output, misses) = try render(
            ["page": "{{#items}}{{nmae}}{{/items}}\n  {{> part}}\n", "part": "a\n{{titel}}\n"],
            ["items": .list([MustacheValue.object(MustacheDictionary(["name": .text("x")])), .object(MustacheDictionary([:]))])])
        #expect(output == "\n  a\n  \n")
        #expect(
            misses == [
                .init(template: "page", name: "nmae", line: 1, column: 11),
                // In the indented copy of the partial, still at its own line and column.
                .init(template: "part", name: "titel", line: 2, column: 1),
            ])
    }

    @Test func absentValuesAreDeclaredAndFalse() throws {
        let (output, misses) = try render(
            ["page": "[{{a}}][{{#a}}x{{/a}}][{{^a}}y{{/a}}][{{a.b}}][{{#m}}z{{/m}}][{{^m}}w{{/m}}][{{{m}}}][{{{h}}}]"],
            ["a": .absent, "m": .markup([]), "h": .markup(Array("<b>".utf8))])
        #expect(output == "[][][y][][][w][][<b>]")
        #expect(misses.isEmpty)
    }

    @Test func textIsEscapedAndTrueEvenWhenEmpty() throws {
        let (output, _) = try render(["page": "{{t}}|{{{t}}}|{{#e}}shown{{/e}}"], ["t": .text("<a href='x'>&</a>"), "e": .text("")])
        #expect(output == "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;|<a href='x'>&</a>|shown")
    }

    /// The outline: each tag once, in order, a section's tags as its children (what Rapport's
    /// check of the names a template uses walks).
    @Test func theOutlineNestsSections() throws {
        let template = try MustacheTemplate("{{a}}\n{{#list}}{{b.c}}{{^flag}}{{{d}}}{{/flag}}{{/list}}{{> part}}")
        func describe(_ tags: [MustacheTemplate.OutlineTag]) -> String {
            tags.map {
                "\($0.tag.kind):\($0.tag.name)@\(template.location(of: $0.tag.offset).column)"
                    + ($0.children.isEmpty ? "" : "[" + describe($0.children) + "]")
            }.joined(separator: " ")
        }
        #expect(
            describe(template.outline) == "variable:a@1 section:list@1[variable:b.c@10 inverted:flag@17[unescaped:d@26]] partial:part@51")
    }
}
