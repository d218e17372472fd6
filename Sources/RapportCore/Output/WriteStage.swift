import Diagnostics

/// Stage 4: all or nothing. Each file was written into the staging folder as it was rendered;
/// here the assets and the content files are added, what the site no longer has is removed,
/// and the staging folder and the output folder are swapped, only when there was no error at
/// all. After a failure the staging folder is nobody's site, and the next build brings it up
/// to date.
struct WriteStage {
    let writer: SiteWriter

    /// Why the site could not be written, if it could not; nothing is swapped in after an error.
    func commit(_ output: SiteOutput, assets: [TemplateSet.Asset], hasErrors: Bool) -> BuildFailure? {
        if let failure = output.failure { return failure }
        guard !hasErrors else { return nil }
        do throws(BuildFailure) {
            try writer.commit(paths: output.allPaths, assets: assets)
        } catch {
            return error
        }
        return nil
    }
}
