import Foundation
import RapportBase
import Testing
import Yams

/// While Yams is still here: the new reader's tree equals Yams' (basic resolver) for every YAML
/// file and front matter of the study, and for the tricky texts of `YAMLNodeTests`.
@Suite struct YAMLYamsComparisonTests {
    static func dump(_ node: Yams.Node) -> String {
        func tag(_ tag: Yams.Tag, standard: String) -> String {
            let name = "\(tag)"
            return name == "" || name == standard ? "" : "!" + name
        }
        let mark = node.mark.map { "\($0.line):\($0.column)" } ?? "?"
        switch node {
        case let .scalar(scalar):
            let tag = tag(scalar.tag, standard: "tag:yaml.org,2002:str")
            return "S\(mark)/\(scalar.style.rawValue)\(tag)=\(scalar.string.debugDescription)"
        case let .mapping(mapping):
            let pairs: [String] = mapping.map { dump($0.key) + ": " + dump($0.value) }
            return "M\(mark)\(tag(mapping.tag, standard: "tag:yaml.org,2002:map")){" + pairs.joined(separator: ", ") + "}"
        case let .sequence(sequence):
            let items: [String] = sequence.map { dump($0) }
            return "L\(mark)\(tag(sequence.tag, standard: "tag:yaml.org,2002:seq"))[" + items.joined(separator: ", ") + "]"
        case .alias: return "alias"
        }
    }

    static func dump(_ node: YAMLNode) -> String {
        let mark = "\(node.mark.line):\(node.mark.column)", tag = node.tag.map { "!" + $0 } ?? ""
        switch node.value {
        case let .scalar(text): return "S\(mark)/\(node.style.rawValue)\(tag)=\(text.debugDescription)"
        case let .mapping(pairs): return "M\(mark)\(tag){" + pairs.map { dump($0.key) + ": " + dump($0.value) }.joined(separator: ", ") + "}"
        case let .sequence(items): return "L\(mark)\(tag)[" + items.map(dump).joined(separator: ", ") + "]"
        }
    }

    static func yams(_ text: String) -> String {
        do { return try Yams.compose(yaml: text, .basic, .default, .utf8).map(dump) ?? "nil" } catch { return "error" }
    }

    static func ours(_ text: String) -> String {
        // `node(of:)` is nil for an error and for an empty text alike; `parse` tells them apart.
        var reader = YAMLReader(file: "x.yml")
        let node = reader.parse(text)
        return node.map(dump) ?? (reader.diagnostics.isEmpty ? "nil" : "error")
    }

    /// Every `.yml` file under Content/ and every page's front matter.
    static func studyTexts() throws -> [(String, String)] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let content = root.appendingPathComponent("Content")
        var texts: [(String, String)] = []
        let files = try #require(FileManager.default.enumerator(at: content, includingPropertiesForKeys: nil))
        for case let url as URL in files {
            guard url.pathExtension == "yml" || url.pathExtension == "md", let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            if url.pathExtension == "yml" {
                texts.append((url.path, text))
            } else if text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) {
                texts.append((url.path, String(text[text.index(text.startIndex, offsetBy: 4)...end.lowerBound])))
            }
        }
        return texts
    }

    @Test func theStudyReadsAsYamsReadIt() throws {
        let texts = try Self.studyTexts()
        #expect(texts.count > 50)
        for (path, text) in texts {
            #expect(Self.ours(text) == Self.yams(text), "\(path)")
        }
    }

    @Test func trickyTextsReadAsYamsReadThem() {
        for text in YAMLSamples.texts {
            let yams = Self.yams(text)
            #expect(Self.ours(text) == yams, "\(text.debugDescription)")
            print("RECORD \(text.debugDescription): \(yams.debugDescription),")
        }
    }
}
