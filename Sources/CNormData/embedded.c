// The table of files embedded from Rules/. To embed a new file, add its array and one table row
// (path relative to Rules/); EmbeddedRulesTests fails if an entry differs from the file on disk.
#include "CNormData.h"

typedef struct { const char *name; const unsigned char *bytes; size_t size; } nz_file;

static const unsigned char f_readme[] = {
#embed "../../Rules/README.md"
};

static const unsigned char f_restore_forms[] = {
#embed "../../Rules/restore/forms.tsv"
};
static const unsigned char f_restore_bigrams[] = {
#embed "../../Rules/restore/bigrams.tsv"
};
static const unsigned char f_restore_letters[] = {
#embed "../../Rules/restore/letters.tsv"
};
static const unsigned char f_restore_russian[] = {
#embed "../../Rules/restore/russian.tsv"
};

static const nz_file files[] = {
    {"README.md", f_readme, sizeof f_readme},
    {"restore/forms.tsv", f_restore_forms, sizeof f_restore_forms},
    {"restore/bigrams.tsv", f_restore_bigrams, sizeof f_restore_bigrams},
    {"restore/letters.tsv", f_restore_letters, sizeof f_restore_letters},
    {"restore/russian.tsv", f_restore_russian, sizeof f_restore_russian},
};

size_t nz_data_count(void) { return sizeof files / sizeof files[0]; }
const char *nz_data_name(size_t i) { return i < nz_data_count() ? files[i].name : 0; }
const unsigned char *nz_data_bytes(size_t i) { return i < nz_data_count() ? files[i].bytes : 0; }
size_t nz_data_size(size_t i) { return i < nz_data_count() ? files[i].size : 0; }
