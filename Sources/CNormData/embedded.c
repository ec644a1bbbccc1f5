// The table of files embedded from Rules/. To embed a new file, add its array and one table row
// (path relative to Rules/); EmbeddedRulesTests fails if an entry differs from the file on disk.
#include "CNormData.h"

typedef struct { const char *name; const unsigned char *bytes; size_t size; } nz_file;

static const unsigned char f_readme[] = {
#embed "../../Rules/README.md"
};

static const unsigned char f_reflow_readme[] = {
#embed "../../Rules/reflow/README.md"
};
static const unsigned char f_reflow_words[] = {
#embed "../../Rules/reflow/words.tsv"
};
static const unsigned char f_reflow_hyphenated[] = {
#embed "../../Rules/reflow/hyphenated.tsv"
};
static const unsigned char f_lexicon_kk[] = {
#embed "../../Rules/lexicon/kk.tsv"
};
static const unsigned char f_lexicon_ru[] = {
#embed "../../Rules/lexicon/ru.tsv"
};
static const unsigned char f_lexicon_names[] = {
#embed "../../Rules/lexicon/names.tsv"
};
static const unsigned char f_lexicon_kk_suffixes[] = {
#embed "../../Rules/lexicon/kk-suffixes.tsv"
};
static const unsigned char f_lexicon_ru_suffixes[] = {
#embed "../../Rules/lexicon/ru-suffixes.tsv"
};
static const unsigned char f_lexicon_readme[] = {
#embed "../../Rules/lexicon/README.md"
};

static const nz_file files[] = {
    {"README.md", f_readme, sizeof f_readme},
    {"reflow/README.md", f_reflow_readme, sizeof f_reflow_readme},
    {"reflow/words.tsv", f_reflow_words, sizeof f_reflow_words},
    {"reflow/hyphenated.tsv", f_reflow_hyphenated, sizeof f_reflow_hyphenated},
    {"lexicon/kk.tsv", f_lexicon_kk, sizeof f_lexicon_kk},
    {"lexicon/ru.tsv", f_lexicon_ru, sizeof f_lexicon_ru},
    {"lexicon/names.tsv", f_lexicon_names, sizeof f_lexicon_names},
    {"lexicon/kk-suffixes.tsv", f_lexicon_kk_suffixes, sizeof f_lexicon_kk_suffixes},
    {"lexicon/ru-suffixes.tsv", f_lexicon_ru_suffixes, sizeof f_lexicon_ru_suffixes},
    {"lexicon/README.md", f_lexicon_readme, sizeof f_lexicon_readme},
};

size_t nz_data_count(void) { return sizeof files / sizeof files[0]; }
const char *nz_data_name(size_t i) { return i < nz_data_count() ? files[i].name : 0; }
const unsigned char *nz_data_bytes(size_t i) { return i < nz_data_count() ? files[i].bytes : 0; }
size_t nz_data_size(size_t i) { return i < nz_data_count() ? files[i].size : 0; }
