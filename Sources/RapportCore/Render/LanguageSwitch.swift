import Foundation
import RapportBase

extension RenderContext {
    /// The header's links to the same page in each other language (`{{#languageSwitch}}`):
    /// `url`, `lang` (the target's `hreflang`), `name` (the target's name in its own language) and
    /// `label` (what a screen reader hears first, in the page's language).
    ///
    /// With two languages the UI strings say it all (`language_switch: Français`, `language_switch_label:
    /// "Lees deze pagina in het Frans:"`). With more, the name is each target's own `language_name`
    /// and `{language}` in the label is the target's name in the page's language ("in het Duits").
    /// Each with its `url` (the page's `switchURL` is the first's).
    func languageSwitch(
        _ language: Language, alternates: [Language: String], from depth: LinkDepth
    ) -> [(url: String, scope: TemplateScope<LanguageSwitchKey>)] {
        let others = site.others(than: language)
        let here = strings[language]
        return others.map { other in
            var name = strings[other]?[.languageName] ?? other.code
            if others.count == 1, let written = here?.values["language_switch"], !written.isEmpty { name = written }
            let label = (here?.values[ContentLoader.switchLabelKey] ?? "")
                .replacingOccurrences(of: "{language}", with: language.name(of: other))
            let url = relative(alternates[other] ?? (site.basePath + other.code + "/"), from: depth)
            return (url, TemplateScope(texts: [.url: url, .lang: other.htmlLang, .name: name, .label: label]))
        }
    }
}
