#if canImport(Synchronization)
import Synchronization
#endif

/// Restores Kazakh letters in Kazakh paragraphs typed with Russian letters or read by a Russian OCR
/// model (`Казакстан` → `Қазақстан`, `б!р` → `бір`); see `KazakhLetterRestorer` for how each word is
/// chosen. Each changed word is an `Edit` with rule `restore.kazakh-letters`.
///
/// Runs on a block when language ID called it Kazakh (or, before language ID has run, when the block
/// looks like Kazakh that lost its letters) and at most one word in ten keeps a Kazakh letter.
/// Forms the document writes with Kazakh letters count as evidence. When some block shows the marks of
/// OCR with a Russian model (`б!р`), every block is read that way (е may be ө, э may be ә, …).
///
/// Never changes: Russian blocks, blocks that already write Kazakh letters, words that have one, words
/// mixing scripts or digits, page furniture, anything but the nine letter pairs.
public struct RestorePass: Pass {
    public let name = "restore"
    public static let rule = "restore.kazakh-letters"

    private let cache = ModelCache()

    public init() {}

    public func apply(to document: inout Document, context: PassContext) throws {
        guard context.configuration.restoreKazakhLetters else { return }
        var restorer = KazakhLetterRestorer(model: try cache.model(context.rules))
        var evidence = Set<UInt64>()
        var ocr = false
        for block in document.blocks where block.isRunningText && block.language?.code != "ru" {
            evidence.formUnion(restorer.evidence(in: block.text))
            ocr = ocr || restorer.looksLikeRussianOCR(block.text)
        }
        for i in document.blocks.indices where document.blocks[i].isRunningText {
            let block = document.blocks[i]
            if let code = block.language?.code, code != "kk" { continue }
            let (text, changes) = restorer.restore(block.text, evidence: evidence, ocr: ocr)
            guard !changes.isEmpty else { continue }
            document.blocks[i].text = text
            for c in changes {
                document.edits.append(Edit(rule: Self.rule,
                                           location: SourceLocation(line: block.line, column: c.scalarOffset + 1, byteOffset: c.byteOffset),
                                           before: c.before, after: c.after, note: c.note))
            }
        }
    }

    /// The model, loaded once per pass value from the rule store it is first asked for.
    final class ModelCache: Sendable {
        private let loaded = Mutex<(RuleStore.Source, KazakhRestorationModel)?>(nil)

        func model(_ rules: RuleStore) throws -> KazakhRestorationModel {
            try loaded.withLock { state in
                if let (source, model) = state, source == rules.source { return model }
                let model = try KazakhRestorationModel(rules: rules)
                state = (rules.source, model)
                return model
            }
        }
    }
}
