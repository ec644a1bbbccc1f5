// CNormData: the files of Rules/, compiled into the binary with C23 #embed.
// Rules/ is the single source of truth; a test checks every embedded file against it byte for byte.
#ifndef CNORMDATA_H
#define CNORMDATA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Number of embedded files.
size_t nz_data_count(void);
/// Path of embedded file `i` relative to Rules/ ("translit/kk-2021.txt").
const char *nz_data_name(size_t i);
/// Bytes and size of embedded file `i`.
const unsigned char *nz_data_bytes(size_t i);
size_t nz_data_size(size_t i);

/// Asks the CPU to start loading the cache line at `p` (a hint: never changes a result). Lets the
/// table lookups of many words overlap their memory latency.
static inline void nz_prefetch(const void *p) { __builtin_prefetch(p); }

#ifdef __cplusplus
}
#endif
#endif
