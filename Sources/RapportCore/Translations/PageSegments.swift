import Diagnostics
import Foundation
import RapportBase

/// A page's segments: its title and description (front matter), then each section's blocks.
/// A source section and its translation are paired as they were when the translation was
/// marked done (the record keeps the source's sections in order; the translation has one
/// section per recorded one: by fingerprint, else heading, else position), else by position
/// when both have as many sections. A paired
/// section whose blocks are those of its source (as many, of the same kinds) is translated
/// block by block in place; any other is written whole from its source (`SectionRewrite`).
extension TranslationSegments {
    mutating func addPage(_ index: Int, _ unit: TranslationUnit, loaded: LoadedSite, content: URL, behind: (SourceSection) -> Bool) {
        let pages = loaded.pages.filter { !$0.isPlaceholder && !$0.isDraft }
        guard let translated = pages.first(where: { $0.file == unit.file }),
            let source = pages.first(where: { $0.file == loaded.contentRoot + unit.sourceKey }),
            let sourceFile = FileBytes.read(content.appendingPathComponent(unit.sourceKey)),
            let file = FileBytes.read(content.appendingPathComponent(unit.key))
        else { return }
        let sourceSections = TranslationUnit.pageSections(source), sections = TranslationUnit.pageSections(translated)
        let sourceBody = source.bodyLineOffset + 1, body = translated.bodyLineOffset + 1
        func range(_ file: FileBytes, _ sections: [SourceSection], _ at: Int, body: Int) -> Range<Int> {
            let start = at == 0 ? file.lineStart(body) : file.lineStart(sections[at].lines.lowerBound)
            return start..<(at + 1 < sections.count ? file.lineStart(sections[at + 1].lines.lowerBound) : file.bytes.count)
        }
        let sourceBlocks = MarkdownBlocks.blocks(sourceFile, bodyLine: sourceBody), blocks = MarkdownBlocks.blocks(file, bodyLine: body)
        let pairs = Self.pairs(sourceSections, sections, marked: loaded.translations?.entry(for: unit))
        let behindTitle = behind(sourceSections[0])
        frontMatter(index, unit, source: source, translated: translated, file: file, behind: behindTitle)

        var insertAt = range(file, sections, 0, body: body).upperBound
        for (at, section) in sourceSections.enumerated() {
            let sourceRange = range(sourceFile, sourceSections, at, body: sourceBody)
            let these = sourceBlocks.filter { sourceRange.contains($0.range.lowerBound) }
            var theirs: [MarkdownBlock]?
            var replacing = insertAt..<insertAt
            if let paired = pairs[at] {
                replacing = range(file, sections, paired, body: body)
                theirs = blocks.filter { replacing.contains($0.range.lowerBound) }
                insertAt = replacing.upperBound
            }
            let aligned = theirs.map { $0.map(\.what) == these.map(\.what) } ?? false
            if !aligned { rewrites.append(SectionRewrite(file: file.url, source: Array(sourceFile.bytes[sourceRange]), replacing: replacing)) }
            for (number, block) in these.enumerated() {
                let target = aligned ? theirs?[number] : nil
                let shift = sourceRange.lowerBound
                segments.append(
                    TranslationSegment(
                        id: "\(unit.key)#\(at).\(number + 1)", unit: index, what: block.what, source: block.text, target: target?.text.aligned(to: block.text),
                        mode: block.mode, sourceAt: SourceLocation(file: source.file, line: block.line),
                        targetAt: SourceLocation(file: translated.file, line: target?.line ?? file.line(of: replacing.lowerBound)),
                        behind: behind(section),
                        place: target.map { .replace(file.url, $0.range, .markdown) }
                            ?? .rewrite(rewrites.count - 1, (block.range.lowerBound - shift)..<(block.range.upperBound - shift))))
            }
        }
        for (at, section) in sections.enumerated() where at > 0 && !pairs.values.contains(at) {
            leftovers[index, default: []].append(
                "\(translated.file):\(section.lines.lowerBound): the section \"\(section.key)\" translates a section its source no longer has: remove it, then rapport translations done \(translated.file)"
            )
        }
    }

    /// The title and the description, in the front matter.
    private mutating func frontMatter(_ index: Int, _ unit: TranslationUnit, source: Page, translated: Page, file: FileBytes, behind: Bool) {
        let texts: [(String, String, String?, SourceLocation?, SourceLocation?, String?, SourceLocation?)] = [
            ("t", "page title", source.title, source.titleLocation, translated.titleLocation, translated.title, translated.titleLocation),
            ("d", "page description", source.description, source.descriptionLocation, translated.descriptionLocation, translated.description,
             translated.titleLocation),
        ]
        for (key, what, sourceText, sourceAt, at, current, titleAt) in texts {
            guard let sourceText else { continue }
            var place = TranslationSegment.Place.none(.frontMatter(what: what, file: translated.file))
            if let at, let current, let (range, flow) = YAMLPlace.find(in: file, at: at, value: current) {
                place = .replace(file.url, range, .yaml(flow: flow))
            } else if current == nil, let titleAt {
                place = .insert(file.url, file.lineEnd(titleAt.line), prefix: "\ndescription: ", .yaml(flow: false))
            }
            segments.append(
                TranslationSegment(
                    id: "\(unit.key)#0.\(key)", unit: index, what: what, source: InlineScan.scan(sourceText, mode: .plain),
                    target: current.map { InlineScan.scan($0, mode: .plain).aligned(to: InlineScan.scan(sourceText, mode: .plain)) }, mode: .plain,
                    sourceAt: sourceAt ?? SourceLocation(file: source.file, line: 1), targetAt: at ?? titleAt, behind: behind, place: place))
        }
    }

    /// For each source section, the translated section it pairs with (the first always does).
    static func pairs(_ source: [SourceSection], _ translated: [SourceSection], marked: TranslationRecord.Entry?) -> [Int: Int] {
        var pairs: [Int: Int] = [0: 0]
        if let marked, marked.sections.count == translated.count {
            var free = Set(1..<max(1, marked.sections.count))
            for (at, section) in source.enumerated().dropFirst() {
                if let found = free.sorted().first(where: { marked.sections[$0].hash == section.hash })
                    ?? free.sorted().first(where: { marked.sections[$0].key == section.key })
                    ?? (source.count == translated.count && free.contains(at) ? at : nil)
                {
                    pairs[at] = found
                    free.remove(found)
                }
            }
        } else if source.count == translated.count {
            for at in source.indices { pairs[at] = at }
        }
        return pairs
    }
}
