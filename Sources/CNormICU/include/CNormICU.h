// CNormICU: the only place that includes ICU headers.
//
// This header must stay free of ICU types: Swift modules see it next to Foundation, which carries its
// own ICU, and the two sets of ICU declarations clash ("'UErrorCode' has different definitions").
// Status codes are ICU's UErrorCode values as int32_t: > 0 failure, < 0 warning, 0 success.
#ifndef CNORMICU_H
#define CNORMICU_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Human-readable name of an ICU status code ("U_ILLEGAL_ARGUMENT_ERROR").
const char *nz_icu_error_name(int32_t status);

/// Where an ICU rule compilation failed (1-based line, 0-based offset in that line) and the text around it.
typedef struct nz_parse_error {
    int32_t line;
    int32_t offset;
    uint16_t pre_context[16];
    uint16_t post_context[16];
} nz_parse_error;

typedef struct nz_translit nz_translit;

/// Compiles transform rules (UTF-16). `reverse` != 0 opens the reverse direction.
/// On failure returns NULL and fills `*status` and `*perr`.
nz_translit *nz_translit_open_rules(const uint16_t *id, int32_t id_len,
                                    const uint16_t *rules, int32_t rules_len,
                                    int reverse, nz_parse_error *perr, int32_t *status);

/// Opens a transliterator by system ID (e.g. "Kazakh-Latin/BGN").
nz_translit *nz_translit_open_id(const uint16_t *id, int32_t id_len, int reverse, int32_t *status);

nz_translit *nz_translit_clone(const nz_translit *t, int32_t *status);
void nz_translit_close(nz_translit *t);

/// Transliterates `buf[0..len)` in place. `capacity` is the buffer size in UTF-16 units.
/// Returns the new length; if the output would not fit, `*status` is U_BUFFER_OVERFLOW_ERROR
/// and the return value is the length needed.
int32_t nz_translit_run(const nz_translit *t, uint16_t *buf, int32_t len, int32_t capacity, int32_t *status);

/// Transliterates UTF-8 text one line at a time (lines split at LF, contexts never cross a line), the
/// way uconv streams a file. Writes to `dst`; returns the bytes written, or -1 with `*status` set
/// (U_BUFFER_OVERFLOW_ERROR when `capacity` is too small; U_INVALID_CHAR_FOUND for invalid UTF-8).
int64_t nz_translit_utf8_lines(const nz_translit *t, const uint8_t *src, int64_t len, uint8_t *dst, int64_t capacity,
                               int32_t *status);

/// Normalization. `form`: 0 NFC, 1 NFD, 2 NFKC, 3 NFKD, 4 NFKC_Casefold.
/// Writes to dest; returns the length needed (may exceed capacity: then *status is a buffer overflow).
int32_t nz_normalize(int form, const uint16_t *src, int32_t len, uint16_t *dest, int32_t capacity, int32_t *status);

/// 1 if src is already in the normalization form, 0 if not.
int nz_is_normalized(int form, const uint16_t *src, int32_t len, int32_t *status);

/// The byte → UTF-16 table of a single-byte ICU converter ("windows-1251", "KOI8-R", "IBM866",
/// "ISO-8859-5"); undefined bytes get 0xFFFF. `canonical` receives ICU's name for the converter.
/// Returns 0, or an ICU status (> 0) if the converter is unknown or not single-byte.
int32_t nz_sbcs_table(const char *name, uint16_t table[256], char canonical[64]);

/// ICU's charset detector (ucsdet) on `bytes`: the best match's name and confidence (0-100).
/// Returns 0 or an ICU failure status.
int32_t nz_detect_charset(const uint8_t *bytes, int32_t len, char name[64], int32_t *confidence);

/// ICU's confusable skeleton (uspoof, UTS #39) of `src`: two strings that look alike have equal
/// skeletons. Writes to dest; returns the length needed.
int32_t nz_confusable_skeleton(const uint16_t *src, int32_t len, uint16_t *dest, int32_t capacity, int32_t *status);

/// Resolves a UnicodeSet pattern ("[:Lu:]", "[а-яё]") into code point ranges: writes up to `capacity`
/// pairs (start, end inclusive) to `ranges` (2 * capacity entries) and returns the number of ranges
/// (may exceed capacity: call again with more room), or -1 with `*status` set when the pattern is invalid.
int32_t nz_uset_ranges(const uint16_t *pattern, int32_t len, uint32_t *ranges, int32_t capacity, int32_t *status);

/// The ICU version string ("72.1").
void nz_icu_version(char out[32]);

#ifdef __cplusplus
}
#endif
#endif
