import RapportBase

/// The chapter pages' part of the build cache: a page rendered by an earlier build is taken
/// again when its key (CacheKeys) and the digests of the datasets it used are the same now.
/// Only pages rendered without a diagnostic are kept: a page with a warning or an error is
/// rendered again each time, so what it reports is never lost.
struct PageCache: Sendable {
    let store: BuildCache
    let keys: CacheKeys
    /// A test's cache that forgets one kind of dependency on purpose (the property test must
    /// then find a difference with a build without the cache).
    var forgets: CacheDependency?

    /// The page as an earlier build rendered it, nil when it must be rendered.
    func lookup(_ page: Page) -> PageEntry? {
        // In memory (the preview) the entry is the value kept: its files' bytes are shared.
        var found =
            store.inMemory
            ? store.page(keys.page(page))
            : store.reader(.pages, keys.page(page)).flatMap { PageEntry.decode($0, page: page) }
        found?.work.chapter?.page = page
        guard let entry = found,
            forgets == .datasets || entry.datasets.allSatisfy({ keys.datasets[$0.id] == $0.digest })
        else {
            store.count(hit: false)
            return nil
        }
        store.count(hit: true)
        return entry
    }

    /// Keeps what rendering `page` gave, when it gave no diagnostic.
    func keep(_ page: Page, work: PageWork, file: OutputFile?, problems: Int) {
        guard problems == 0, work.diagnostics.isEmpty, !work.dataErrors, !page.isPlaceholder else { return }
        let datasets = work.datasetsUsed.sorted().compactMap { id in keys.datasets[id].map { (id: id, digest: $0) } }
        guard datasets.count == work.datasetsUsed.count else { return }
        let entry = PageEntry(datasets: datasets, file: file, work: work)
        if store.inMemory { store.keep(page: entry, keys.page(page)) } else { store.write(.pages, keys.page(page), entry.encoded()) }
    }
}

extension PageCache {
    /// The files `make` gives, taken from the cache when an earlier build made them from the
    /// same inputs: `inputs` are digested, with the site's key, into the entry's key (the
    /// data pages' citation files: the dataset's key, the language, the chapter it is cited from).
    func files(_ inputs: [String], datasets: [String], make: () -> [OutputFile]) -> [OutputFile] {
        memo(
            inputs, datasets: datasets, make: make,
            write: { out, files in Self.write(files, &out) }, read: { input in Self.readFiles(&input) })
    }

    /// What `make` gives, taken from the cache when an earlier build made it from the same
    /// inputs (`inputs` digested with the site's key and the datasets' keys), written and read
    /// back by `write` and `read`.
    func memo<T>(
        _ inputs: [String], datasets: [String], make: () -> T, write: (inout CacheWriter, T) -> Void,
        read: (inout CacheReader) -> T?
    ) -> T {
        var key = keys.site
        for input in inputs { key.add(input) }
        for id in datasets {
            key.add(id)
            key.add(keys.datasets[id] ?? Digest())
        }
        if var reader = store.reader(.files, key), let value = read(&reader), reader.atEnd { return value }
        let value = make()
        var writer = CacheWriter()
        write(&writer, value)
        store.write(.files, key, writer.bytes)
        return value
    }

    static func write(_ files: [OutputFile], _ out: inout CacheWriter) {
        out.list(files) { $0.file($1) }
    }

    static func readFiles(_ input: inout CacheReader) -> [OutputFile]? {
        input.list { $0.file() }
    }
}

/// What a cache may be told to forget, in the property test only.
enum CacheDependency: Sendable, CaseIterable {
    /// The datasets a page uses.
    case datasets
    /// The UI strings, and the templates folder, in the site's key.
    case uiStrings, templates
}
