#include "CNormICU.h"

#include <unicode/uset.h>

int32_t nz_uset_ranges(const uint16_t *pattern, int32_t len, uint32_t *ranges, int32_t capacity,
                       int32_t *status) {
    UErrorCode err = U_ZERO_ERROR;
    USet *set = uset_openPattern((const UChar *)pattern, len, &err);
    *status = (int32_t)err;
    if (U_FAILURE(err)) {
        if (set) uset_close(set);
        return -1;
    }
    int32_t count = uset_getItemCount(set);
    int32_t n = 0;
    for (int32_t i = 0; i < count; i++) {
        UChar32 start, end;
        UErrorCode e = U_ZERO_ERROR;
        int32_t strLen = uset_getItem(set, i, &start, &end, NULL, 0, &e);
        if (strLen != 0) continue; /* multi-character strings {ab}: not used in rule sets here */
        if (n < capacity) {
            ranges[2 * n] = (uint32_t)start;
            ranges[2 * n + 1] = (uint32_t)end;
        }
        n++;
    }
    uset_close(set);
    return n;
}
