/// A transliterator that writes into a caller-provided buffer. The array and string conveniences are
/// written once here for every engine.
public protocol BufferTransliterating: Sendable {
    /// Output buffer size that `transliterate(_:into:invalidByte:)` needs for `count` input bytes.
    func outputCapacity(forInputCount count: Int) -> Int
    /// Transliterates `input` into `output` (room for `outputCapacity(forInputCount:)` bytes) and returns
    /// the number of bytes written; a line that is not valid UTF-8 is copied unchanged and the offset of
    /// its first bad byte is passed to `invalidByte`.
    func transliterate(_ input: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>,
                       invalidByte: (Int) -> Void) -> Int
}

extension BufferTransliterating {
    /// The transliteration of `bytes`.
    public func transliterate(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: outputCapacity(forInputCount: bytes.count)) { buf, count in
            count = transliterate(bytes, into: buf.baseAddress!, invalidByte: { _ in })
        }
    }

    /// The transliteration of `text`.
    public func transliterate(_ text: String) -> String {
        var s = text
        return s.withUTF8 { src in
            String(unsafeUninitializedCapacity: outputCapacity(forInputCount: src.count)) { buf in
                transliterate(src, into: buf.baseAddress!, invalidByte: { _ in })
            }
        }
    }
}
