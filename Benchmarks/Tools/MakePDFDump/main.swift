#if canImport(Glibc)
import Glibc
#endif
import DumpMaker

// MakePDFDump OUT [MEGABYTES] [CORPUS_DIR]: writes the PDF-like dump the Clean benchmark uses
// (`PDFDump.make`) to OUT, for timing `normtool clean` on a large file (clean-100mb.sh).
func complain(_ message: String) {
    let line = Array((message + "\n").utf8)
    _ = write(2, line, line.count)
}

let args = CommandLine.arguments
guard args.count >= 2 else {
    complain("usage: MakePDFDump OUT [MEGABYTES=100] [CORPUS_DIR=../shared/corpus]")
    exit(64)
}
let megabytes = args.count > 2 ? Int(args[2]) ?? 100 : 100
let corpus = args.count > 3 ? args[3] : "../shared/corpus"
let bytes = PDFDump.make(megabytes: megabytes, corpus: corpus)
guard let f = fopen(args[1], "wb"), fwrite(bytes, 1, bytes.count, f) == bytes.count, fclose(f) == 0 else {
    complain("MakePDFDump: cannot write \(args[1])")
    exit(2)
}
