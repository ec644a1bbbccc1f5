#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Normalize

/// Exit statuses: 0 clean run; 1 the run finished but the input had problems (invalid bytes were
/// replaced and reported); 2 usage or fatal input error (nothing written).
enum ExitStatus {
    static let inputHadProblems: Int32 = 1
    static let failure: Int32 = 2
}

/// Writes a message to stderr, prefixed with the tool's name.
func warn(_ message: String) {
    let line = "normtool: " + message + "\n"
    var bytes = Array(line.utf8)
    _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
}

/// A file or standard input, read in large chunks (line-at-a-time stdio caps throughput at a few
/// hundred MB/s). `forEachLine` hands out whole lines without their terminator, in constant memory.
struct InputSource {
    let path: String?  // nil: stdin
    var displayName: String { path ?? "<stdin>" }

    static func sources(_ files: [String]) -> [InputSource] {
        files.isEmpty ? [InputSource(path: nil)] : files.map { $0 == "-" ? InputSource(path: nil) : InputSource(path: $0) }
    }

    private func open() throws -> Int32 {
        guard let path else { return 0 }
        let fd = Glibc.open(path, O_RDONLY)
        if fd < 0 {
            throw NormalizeError.badInput(place: path, message: String(cString: strerror(errno)))
        }
        return fd
    }

    /// One `read(2)` into `buffer`, retried on EINTR; 0 at end of input.
    private func readSome(_ fd: Int32, _ buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno != EINTR {
                throw NormalizeError.badInput(place: displayName, message: String(cString: strerror(errno)))
            }
        }
    }

    /// The whole input as bytes.
    func readAll() throws -> [UInt8] {
        let fd = try open()
        defer { if path != nil { close(fd) } }
        var out: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = try buf.withUnsafeMutableBytes { try readSome(fd, $0) }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
        }
        return out
    }

    /// Calls `body(block, byteOffsetOfBlock)` with runs of whole lines, each run ending with a LF (the
    /// last may lack it), read in 1 MB chunks: the fast path for line-for-line filters. Memory is
    /// bounded by the chunk size and the longest line.
    func forEachBlockOfLines(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let fd = try open()
        defer { if path != nil { close(fd) } }
        let chunk = 1 << 20
        var buf = [UInt8](repeating: 0, count: chunk)
        var filled = 0  // bytes in buf: a carried-over partial line, then new input
        var offset = 0  // input offset of buf[0]
        while true {
            if buf.count - filled < chunk / 2 { buf.append(contentsOf: repeatElement(0, count: buf.count)) }
            let n = try buf.withUnsafeMutableBytes { try readSome(fd, UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
            let end: Int? = buf.withUnsafeBufferPointer { p in
                var k = filled - 1
                while k >= filled - n && p[k] != 0x0A { k -= 1 }
                return k >= filled - n ? k + 1 : nil
            }
            guard let end else { continue }
            try buf.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<end]), offset) }
            buf.withUnsafeMutableBufferPointer { p in
                for k in 0..<(filled - end) { p[k] = p[end + k] }
            }
            offset += end
            filled -= end
        }
        if filled > 0 {
            try buf.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<filled]), offset) }
        }
    }

    /// Calls `body(line, byteOffsetOfLine)` for every line (LF-terminated; a final line without LF
    /// counts). The line excludes the LF. Memory is bounded by the longest line.
    func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        let fd = try open()
        defer { if path != nil { close(fd) } }
        var pending: [UInt8] = []
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        var consumedBefore = 0  // byte offset of pending[0] in the input
        while true {
            let n = try buf.withUnsafeMutableBytes { try readSome(fd, $0) }
            if n == 0 { break }
            try buf.withUnsafeBufferPointer { chunk in
                var start = 0
                var i = 0
                while i < n {
                    if chunk[i] == 0x0A {
                        if pending.isEmpty {
                            try body(UnsafeBufferPointer(rebasing: chunk[start..<i]), consumedBefore)
                            consumedBefore += i - start + 1
                        } else {
                            pending.append(contentsOf: chunk[start..<i])
                            try pending.withUnsafeBufferPointer { try body($0, consumedBefore) }
                            consumedBefore += pending.count + 1
                            pending.removeAll(keepingCapacity: true)
                        }
                        start = i + 1
                    }
                    i += 1
                }
                if start < n { pending.append(contentsOf: chunk[start..<n]) }
            }
        }
        if !pending.isEmpty {
            try pending.withUnsafeBufferPointer { try body($0, consumedBefore) }
        }
    }
}

/// Buffered output to stdout or to a file. A file is written to a temporary name beside it and renamed
/// into place by `commit()`, so a failed run never leaves a partial output file behind.
final class OutputSink {
    private let fd: Int32
    private let finalPath: String?
    private let tempPath: String?
    private var buffer: [UInt8] = []
    private var committed = false

    init(path: String?) throws {
        if let path {
            let temp = path + ".normtool-tmp-\(getpid())"
            let fd = Glibc.open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if fd < 0 {
                throw NormalizeError.badInput(place: path, message: "cannot write: " + String(cString: strerror(errno)))
            }
            self.fd = fd
            finalPath = path
            tempPath = temp
        } else {
            fd = 1
            finalPath = nil
            tempPath = nil
        }
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if !committed, let tempPath {
            close(fd)
            unlink(tempPath)
        }
    }

    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write($0) }
    }

    func flush() throws {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw NormalizeError.badInput(place: finalPath ?? "<stdout>", message: "write failed: " + String(cString: strerror(errno)))
            }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file renames the temporary file into place.
    func commit() throws {
        try flush()
        committed = true
        if let tempPath, let finalPath {
            if fsync(fd) != 0 || close(fd) != 0 || rename(tempPath, finalPath) != 0 {
                let msg = String(cString: strerror(errno))
                unlink(tempPath)
                throw NormalizeError.badInput(place: finalPath, message: "cannot write: " + msg)
            }
        }
    }
}
