// Code-page tables, charset detection and confusable skeletons: the ICU calls of the decode and
// unicode passes.
#include "CNormICU.h"

#include <string.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/uspoof.h>

int32_t nz_sbcs_table(const char *name, uint16_t table[256], char canonical[64]) {
    UErrorCode err = U_ZERO_ERROR;
    UConverter *cnv = ucnv_open(name, &err);
    if (U_FAILURE(err)) return (int32_t)err;
    if (ucnv_getMaxCharSize(cnv) != 1 || ucnv_getMinCharSize(cnv) != 1) {
        ucnv_close(cnv);
        return (int32_t)U_INVALID_TABLE_FORMAT;
    }
    const char *canon = ucnv_getName(cnv, &err);
    strncpy(canonical, U_SUCCESS(err) && canon ? canon : name, 63);
    canonical[63] = 0;
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
    for (int b = 0; b < 256; b++) {
        char in = (char)b;
        UChar out[4];
        err = U_ZERO_ERROR;
        ucnv_resetToUnicode(cnv);
        int32_t n = ucnv_toUChars(cnv, out, 4, &in, 1, &err);
        table[b] = (U_FAILURE(err) || n != 1 || U16_IS_SURROGATE(out[0])) ? 0xFFFF : out[0];
    }
    ucnv_close(cnv);
    return 0;
}

int32_t nz_detect_charset(const uint8_t *bytes, int32_t len, char name[64], int32_t *confidence) {
    UErrorCode err = U_ZERO_ERROR;
    name[0] = 0;
    *confidence = 0;
    UCharsetDetector *det = ucsdet_open(&err);
    if (U_FAILURE(err)) return (int32_t)err;
    // The detector keeps a pointer to the bytes; they stay alive until ucsdet_close below.
    ucsdet_setText(det, (const char *)bytes, len, &err);
    const UCharsetMatch *m = U_SUCCESS(err) ? ucsdet_detect(det, &err) : NULL;
    if (m && U_SUCCESS(err)) {
        const char *n = ucsdet_getName(m, &err);
        if (n && U_SUCCESS(err)) {
            strncpy(name, n, 63);
            name[63] = 0;
        }
        *confidence = ucsdet_getConfidence(m, &err);
    }
    ucsdet_close(det);
    return U_FAILURE(err) ? (int32_t)err : 0;
}

int32_t nz_confusable_skeleton(const uint16_t *src, int32_t len, uint16_t *dest, int32_t capacity, int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    USpoofChecker *sc = uspoof_open(&err);
    int32_t n = 0;
    if (U_SUCCESS(err)) n = uspoof_getSkeleton(sc, 0, (const UChar *)src, len, (UChar *)dest, capacity, &err);
    if (sc) uspoof_close(sc);
    *status = (int32_t)err;
    return n;
}
