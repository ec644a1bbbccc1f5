#include "CNormICU.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/uclean.h>
#include <unicode/unorm2.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

const char *nz_icu_error_name(int32_t status) { return u_errorName((UErrorCode)status); }

void nz_icu_version(char out[32]) {
    UVersionInfo v;
    u_getVersion(v);
    u_versionToString(v, out);
}

struct nz_translit;

nz_translit *nz_translit_open_rules(const uint16_t *id, int32_t id_len,
                                    const uint16_t *rules, int32_t rules_len,
                                    int reverse, nz_parse_error *perr, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UParseError pe;
    memset(&pe, 0, sizeof pe);
    UTransliterator *t = utrans_openU((const UChar *)id, id_len, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      (const UChar *)rules, rules_len, &pe, &err);
    *status = (int32_t)err;
    if (perr) {
        perr->line = pe.line;
        perr->offset = pe.offset;
        memcpy(perr->pre_context, pe.preContext, sizeof perr->pre_context);
        memcpy(perr->post_context, pe.postContext, sizeof perr->post_context);
    }
    if (U_FAILURE(err)) {
        if (t) utrans_close(t);
        return NULL;
    }
    return (nz_translit *)t;
}

nz_translit *nz_translit_open_id(const uint16_t *id, int32_t id_len, int reverse, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UTransliterator *t = utrans_openU((const UChar *)id, id_len, reverse ? UTRANS_REVERSE : UTRANS_FORWARD,
                                      NULL, -1, NULL, &err);
    *status = (int32_t)err;
    if (U_FAILURE(err)) {
        if (t) utrans_close(t);
        return NULL;
    }
    return (nz_translit *)t;
}

nz_translit *nz_translit_clone(const nz_translit *t, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    UTransliterator *c = utrans_clone((const UTransliterator *)t, &err);
    *status = (int32_t)err;
    return U_FAILURE(err) ? NULL : (nz_translit *)c;
}

void nz_translit_close(nz_translit *t) {
    if (t) utrans_close((UTransliterator *)t);
}

int32_t nz_translit_run(const nz_translit *t, uint16_t *buf, int32_t len, int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t text_len = len;
    int32_t limit = len;
    utrans_transUChars((const UTransliterator *)t, (UChar *)buf, &text_len, capacity, 0, &limit, &err);
    *status = (int32_t)err;
    return text_len;
}

static const UNormalizer2 *normalizer(int form, UErrorCode *err) {
    switch (form) {
    case 0: return unorm2_getNFCInstance(err);
    case 1: return unorm2_getNFDInstance(err);
    case 2: return unorm2_getNFKCInstance(err);
    case 3: return unorm2_getNFKDInstance(err);
    default: return unorm2_getNFKCCasefoldInstance(err);
    }
}

int32_t nz_normalize(int form, const uint16_t *src, int32_t len, uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &err);
    int32_t out = 0;
    if (U_SUCCESS(err)) out = unorm2_normalize(n, (const UChar *)src, len, (UChar *)dest, capacity, &err);
    *status = (int32_t)err;
    return out;
}

int nz_is_normalized(int form, const uint16_t *src, int32_t len, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2 *n = normalizer(form, &err);
    UBool r = 0;
    if (U_SUCCESS(err)) r = unorm2_isNormalized(n, (const UChar *)src, len, &err);
    *status = (int32_t)err;
    return r ? 1 : 0;
}

int64_t nz_translit_utf8_lines(const nz_translit *t, const uint8_t *src, int64_t len, uint8_t *dst, int64_t capacity,
                               int32_t *status) {
    *status = 0;
    int64_t written = 0;
    int32_t ucap = 0;
    UChar *ubuf = NULL;
    int64_t start = 0;
    while (start <= len) {
        int64_t end = start;
        while (end < len && src[end] != '\n') end++;
        if (end == len && start == len) break;
        int32_t n = (int32_t)(end - start);
        int32_t need = n * 4 + 16;
        if (need > ucap) {
            UChar *grown = (UChar *)realloc(ubuf, (size_t)need * 2 * sizeof(UChar));
            if (!grown) { free(ubuf); *status = U_MEMORY_ALLOCATION_ERROR; return -1; }
            ubuf = grown;
            ucap = need * 2;
        }
        UErrorCode err = U_ZERO_ERROR;
        int32_t ulen = 0;
        u_strFromUTF8(ubuf, ucap, &ulen, (const char *)src + start, n, &err);
        if (U_FAILURE(err)) { free(ubuf); *status = (int32_t)err; return -1; }
        int32_t limit = ulen;
        utrans_transUChars((const UTransliterator *)t, ubuf, &ulen, ucap, 0, &limit, &err);
        if (U_FAILURE(err)) { free(ubuf); *status = (int32_t)err; return -1; }
        int32_t out = 0;
        u_strToUTF8((char *)dst + written, (int32_t)(capacity - written > INT32_MAX ? INT32_MAX : capacity - written),
                    &out, ubuf, ulen, &err);
        if (U_FAILURE(err) || err == U_STRING_NOT_TERMINATED_WARNING && written + out >= capacity) {
            free(ubuf);
            *status = U_FAILURE(err) ? (int32_t)err : U_BUFFER_OVERFLOW_ERROR;
            return -1;
        }
        written += out;
        if (end < len) {
            if (written >= capacity) { free(ubuf); *status = U_BUFFER_OVERFLOW_ERROR; return -1; }
            dst[written++] = '\n';
        }
        start = end + 1;
    }
    free(ubuf);
    return written;
}
