// The table of files embedded from Rules/. To embed a new file, add its array and one table row
// (path relative to Rules/); EmbeddedRulesTests fails if an entry differs from the file on disk.
#include "CNormData.h"

typedef struct { const char *name; const unsigned char *bytes; size_t size; } nz_file;

static const unsigned char f_readme[] = {
#embed "../../Rules/README.md"
};

static const unsigned char f_enc_kz1048[] = {
#embed "../../Rules/encodings/kz1048.txt"
};
static const unsigned char f_enc_ptcp154[] = {
#embed "../../Rules/encodings/ptcp154.txt"
};
static const unsigned char f_unicode_homoglyphs[] = {
#embed "../../Rules/unicode/homoglyphs.tsv"
};
static const unsigned char f_unicode_trigrams[] = {
#embed "../../Rules/unicode/letter-trigrams.tsv"
};

static const nz_file files[] = {
    {"README.md", f_readme, sizeof f_readme},
    {"encodings/kz1048.txt", f_enc_kz1048, sizeof f_enc_kz1048},
    {"encodings/ptcp154.txt", f_enc_ptcp154, sizeof f_enc_ptcp154},
    {"unicode/homoglyphs.tsv", f_unicode_homoglyphs, sizeof f_unicode_homoglyphs},
    {"unicode/letter-trigrams.tsv", f_unicode_trigrams, sizeof f_unicode_trigrams},
};

size_t nz_data_count(void) { return sizeof files / sizeof files[0]; }
const char *nz_data_name(size_t i) { return i < nz_data_count() ? files[i].name : 0; }
const unsigned char *nz_data_bytes(size_t i) { return i < nz_data_count() ? files[i].bytes : 0; }
size_t nz_data_size(size_t i) { return i < nz_data_count() ? files[i].size : 0; }
