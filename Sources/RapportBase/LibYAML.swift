internal import CLibYAML

/// The C library libyaml, behind this one file: a text read event by event into `YAMLNode`s,
/// and nodes written back as YAML text. The rest of Rapport sees nodes and `LibYAML.Problem`.
enum LibYAML {
    /// What libyaml (or the composing of its events) found wrong, in its words and at its marks.
    struct Problem: Error {
        enum Kind {
            case syntax
            /// Keys that occur twice in one mapping; `mark` is the first one's.
            case repeatedKeys([String])
            /// A character libyaml does not read (a control character), at a byte offset.
            case character(offset: Int, value: Int)
        }

        struct Context {
            let text: String
            let mark: YAMLNode.Mark
        }

        var kind = Kind.syntax
        var context: Context?
        var problem: String
        var mark: YAMLNode.Mark
    }

    /// Lists and mappings nested deeper than this are an error (Yams' libyaml stopped at 1,000).
    static let maximumDepth = 1000

    /// The one document of `text`; nil for a text with none (empty, or comments only).
    static func compose(_ text: String) throws(Problem) -> YAMLNode? {
        var text = text
        let result: Result<YAMLNode?, Problem> = text.withUTF8 { bytes in
            let composer = Composer(bytes)
            defer { composer.close() }
            do throws(Problem) {
                return .success(try composer.document())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Composes nodes from libyaml's events as a YAML composer does: aliases resolved, every
    /// scalar a text, a key twice in one mapping an error, one document only.
    private final class Composer {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        var hasEvent = false
        var anchors: [String: YAMLNode] = [:]

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            yaml_parser_initialize(parser)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(parser, bytes.baseAddress, bytes.count)
        }

        func close() {
            if hasEvent { yaml_event_delete(event) }
            yaml_parser_delete(parser)
            parser.deallocate()
            event.deallocate()
        }

        /// The next event's type (the event itself in `event`).
        func next() throws(Problem) -> yaml_event_type_t {
            if hasEvent { yaml_event_delete(event) }
            hasEvent = yaml_parser_parse(parser, event) == 1
            guard hasEvent else { throw problem() }
            return event.pointee.type
        }

        var mark: YAMLNode.Mark {
            YAMLNode.Mark(line: Int(event.pointee.start_mark.line) + 1, column: Int(event.pointee.start_mark.column) + 1)
        }

        func document() throws(Problem) -> YAMLNode? {
            _ = try next()  // the stream's start
            guard try next() != YAML_STREAM_END_EVENT else { return nil }
            let root = try node()
            _ = try next()  // the document's end
            if try next() != YAML_STREAM_END_EVENT {
                throw Problem(
                    context: .init(text: "expected a single document in the stream", mark: .init(line: 1, column: 1)),
                    problem: "but found another document", mark: mark)
            }
            return root
        }

        /// A collection being read: its items (a mapping's keys and values in turn).
        struct Open {
            let mark: YAMLNode.Mark
            let anchor: String?
            let tag: String?
            let isMapping: Bool
            var items: [YAMLNode] = []
        }

        /// The node that starts at the next event, with all it holds (a loop, not recursion:
        /// a deep text cannot exhaust the stack).
        func node() throws(Problem) -> YAMLNode {
            var open: [Open] = []
            while true {
                var done: YAMLNode
                var anchor: String?
                let type = try next()
                let data = event.pointee.data
                switch type {
                case YAML_ALIAS_EVENT:
                    guard let found = anchors[String(cString: data.alias.anchor)] else {
                        throw Problem(problem: "found undefined alias", mark: mark)
                    }
                    done = found
                case YAML_SCALAR_EVENT:
                    let scalar = data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                    let tag = scalar.quoted_implicit == 1 ? nil : scalar.tag.map { String(cString: $0) }
                    done = YAMLNode(
                        .scalar(text), style: YAMLNode.Style(rawValue: UInt8(scalar.style.rawValue)) ?? .plain, mark: mark,
                        tag: tag == "tag:yaml.org,2002:str" ? nil : tag)
                    anchor = scalar.anchor.map { String(cString: $0) }
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    guard open.count < maximumDepth else {
                        throw Problem(problem: "lists and mappings nested more than \(maximumDepth) deep", mark: mark)
                    }
                    let isMapping = type == YAML_MAPPING_START_EVENT
                    let start = isMapping ? data.mapping_start.anchor : data.sequence_start.anchor
                    let implicit = isMapping ? data.mapping_start.implicit : data.sequence_start.implicit
                    let tag = implicit != 0 ? nil : (isMapping ? data.mapping_start.tag : data.sequence_start.tag).map { String(cString: $0) }
                    let standard = isMapping ? "tag:yaml.org,2002:map" : "tag:yaml.org,2002:seq"
                    open.append(
                        Open(mark: mark, anchor: start.map { String(cString: $0) }, tag: tag == standard ? nil : tag, isMapping: isMapping))
                    continue
                case YAML_SEQUENCE_END_EVENT:
                    let list = open.removeLast()
                    done = YAMLNode(.sequence(list.items), mark: list.mark, tag: list.tag)
                    anchor = list.anchor
                case YAML_MAPPING_END_EVENT:
                    let mapping = open.removeLast()
                    let items = mapping.items
                    let pairs = stride(from: 0, to: items.count - 1, by: 2).map { (key: items[$0], value: items[$0 + 1]) }
                    let repeated = YAMLNode.repeatedKeys(pairs.map(\.key))
                    if let first = repeated.first {
                        throw Problem(kind: .repeatedKeys(repeated.map(\.description)), problem: "duplicate key", mark: first.mark)
                    }
                    done = YAMLNode(.mapping(pairs), mark: mapping.mark, tag: mapping.tag)
                    anchor = mapping.anchor
                default:
                    throw Problem(problem: "unexpected event \(type.rawValue)", mark: mark)
                }
                // A later anchor of the same name stands for it from here on.
                if let anchor { anchors[anchor] = done }
                guard !open.isEmpty else { return done }
                open[open.count - 1].items.append(done)
            }
        }

        /// libyaml's error, in its words.
        func problem() -> Problem {
            let state = parser.pointee
            func mark(_ mark: yaml_mark_t) -> YAMLNode.Mark { YAMLNode.Mark(line: Int(mark.line) + 1, column: Int(mark.column) + 1) }
            let problem = state.problem.map { String(cString: $0) } ?? "unknown problem"
            switch state.error {
            case YAML_READER_ERROR:
                return Problem(
                    kind: .character(offset: Int(state.problem_offset), value: Int(state.problem_value)), problem: problem,
                    mark: mark(state.problem_mark))
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
                let context = state.context.map { Problem.Context(text: String(cString: $0), mark: mark(state.context_mark)) }
                return Problem(context: context, problem: problem, mark: mark(state.problem_mark))
            default:
                return Problem(problem: state.error == YAML_MEMORY_ERROR ? "out of memory" : problem, mark: .init(line: 1, column: 1))
            }
        }
    }

    /// `root` as a YAML document: block style, lines never folded, any Unicode character as
    /// itself (not escaped), a text with `.literal` style as a `|` block; every scalar untagged.
    static func emit(_ root: YAMLNode) -> String {
        final class Output { var bytes: [UInt8] = [] }
        let output = Output()
        let emitter = UnsafeMutablePointer<yaml_emitter_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            yaml_emitter_delete(emitter)
            emitter.deallocate()
            event.deallocate()
        }
        yaml_emitter_initialize(emitter)
        yaml_emitter_set_output(
            emitter,
            { data, buffer, size in
                guard let data, let buffer else { return 0 }
                Unmanaged<Output>.fromOpaque(data).takeUnretainedValue().bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
                return 1
            }, Unmanaged.passUnretained(output).toOpaque())
        // Yams' settings for serialize(node:width: -1, allowUnicode: true), which wrote Rapport's
        // YAML before: not canonical, libyaml's indentation (2), no folding, UTF-8, "\n".
        yaml_emitter_set_canonical(emitter, 0)
        yaml_emitter_set_indent(emitter, 0)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_break(emitter, YAML_LN_BREAK)
        yaml_emitter_set_encoding(emitter, YAML_UTF8_ENCODING)

        func emit() { _ = withExtendedLifetime(output) { yaml_emitter_emit(emitter, event) } }
        func write(_ node: YAMLNode) {
            switch node.value {
            case let .scalar(text):
                // Zero-terminated: never a null pointer, even for an empty text.
                Array(text.utf8CString).withUnsafeBufferPointer { bytes in
                    // Untagged in every style (implicit): `text: 12` is a text like any other.
                    _ = yaml_scalar_event_initialize(
                        event, nil, nil, UnsafeMutableRawPointer(mutating: bytes.baseAddress!).assumingMemoryBound(to: UInt8.self),
                        Int32(bytes.count - 1), 1, 1,
                        node.style == .literal ? YAML_LITERAL_SCALAR_STYLE : YAML_ANY_SCALAR_STYLE)
                    emit()
                }
            case let .sequence(items):
                yaml_sequence_start_event_initialize(event, nil, nil, 1, YAML_ANY_SEQUENCE_STYLE)
                emit()
                items.forEach(write)
                yaml_sequence_end_event_initialize(event)
                emit()
            case let .mapping(pairs):
                yaml_mapping_start_event_initialize(event, nil, nil, 1, YAML_ANY_MAPPING_STYLE)
                emit()
                for pair in pairs {
                    write(pair.key)
                    write(pair.value)
                }
                yaml_mapping_end_event_initialize(event)
                emit()
            }
        }
        yaml_stream_start_event_initialize(event, YAML_UTF8_ENCODING)
        emit()
        yaml_document_start_event_initialize(event, nil, nil, nil, 1)
        emit()
        write(root)
        yaml_document_end_event_initialize(event, 1)
        emit()
        yaml_stream_end_event_initialize(event)
        emit()
        return String(decoding: output.bytes, as: UTF8.self)
    }
}
