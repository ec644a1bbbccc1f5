import Foundation
import Testing
@testable import Normalize

@Suite struct JSONRecordTests {
    func parse(_ s: String) throws(JSONRecord.SyntaxError) -> JSONRecord {
        let bytes = Array(s.utf8)
        return try bytes.withUnsafeBufferPointer { (p) throws(JSONRecord.SyntaxError) -> JSONRecord in try JSONRecord(p) }
    }

    func syntaxError(_ s: String) -> JSONRecord.SyntaxError? {
        do throws(JSONRecord.SyntaxError) { _ = try parse(s); return nil } catch { return error }
    }

    @Test func decodesTheFieldLikeFoundationDoes() throws {
        let line = #"{"id": 17, "text": "Қазақ \"тілі\"\n\u0416\u04d9 \ud83d\ude00 a\/b\t", "tags": [1, -2.5e+3, null, true, {"x": []}]}"#
        let record = try parse(line)
        let foundation = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        #expect(try record.string("text") == foundation["text"] as! String)
        #expect(record.members.map(\.key) == ["id", "text", "tags"])
    }

    @Test func replacingKeepsEveryOtherByte() throws {
        let line = #"{ "id" : 3 ,"text":"Бнеилюкс елдері",  "meta": {"src": "kk.txt", "n": 1.50} }"#
        let record = try parse(line)
        let out = String(decoding: record.replacing("text", with: "Бенилюкс \"елдері\"\n2\u{1}"), as: UTF8.self)
        #expect(out == #"{ "id" : 3 ,"text":"Бенилюкс \"елдері\"\n2\u0001",  "meta": {"src": "kk.txt", "n": 1.50} }"#)
        let back = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
        #expect(back["text"] as? String == "Бенилюкс \"елдері\"\n2\u{1}")
    }

    @Test func malformedLinesNameTheByte() {
        #expect(syntaxError(#"{"id": 7 "text": "x"}"#)?.offset == 9)
        #expect(syntaxError(#"{"text": "unterminated}"#)?.message == "unterminated string")
        #expect(syntaxError(#"{"text": "a\qb"}"#)?.offset == 11)
        #expect(syntaxError("{\"text\": \"tab\tinside\"}")?.message.contains("control character") == true)
        #expect(syntaxError(#"{"text": "\ud83d alone"}"#)?.message.contains("surrogate") == true)
        #expect(syntaxError(#"{"text": "x"} trailing"#)?.offset == 14)
        #expect(syntaxError(#"["text", "x"]"#)?.offset == 0)
        #expect(syntaxError(#"{"text": "x", "text": "y"}"#)?.message == #"duplicate key "text""#)
        #expect(syntaxError(#"{"n": 01}"#) != nil)
        #expect(syntaxError(#"{"n": 1.}"#) != nil)
        #expect(syntaxError(#"{"n": tru}"#) != nil)
        #expect(syntaxError("") != nil)
        #expect(syntaxError(String(repeating: "[", count: 600)) != nil)
        #expect(syntaxError(#"{"n": "#) != nil)
    }

    @Test func invalidUTF8InsideAStringIsAnError() {
        let bytes: [UInt8] = Array(#"{"text": "ok "#.utf8) + [0xD2] + Array(#""}"#.utf8)
        let error = bytes.withUnsafeBufferPointer { p -> JSONRecord.SyntaxError? in
            do throws(JSONRecord.SyntaxError) { _ = try JSONRecord(p); return nil } catch { return error }
        }
        #expect(error?.offset == 13)
    }

    @Test func fieldErrors() throws {
        let record = try parse(#"{"text": 42, "body": "x"}"#)
        #expect(throws: JSONRecord.FieldError.notAString("text")) { try record.string("text") }
        #expect(throws: JSONRecord.FieldError.missing("content")) { try record.string("content") }
        #expect(try record.string("body") == "x")
    }
}
