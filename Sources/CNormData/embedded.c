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
static const unsigned char f_langid_model[] = {
#embed "../../Rules/langid/model.bin"
};
static const unsigned char f_translit_bgn_to_latin_txt[] = {
#embed "../../Rules/translit/bgn-to-latin.txt"
};
static const unsigned char f_translit_kk_2017_to_latin_txt[] = {
#embed "../../Rules/translit/kk-2017-to-latin.txt"
};
static const unsigned char f_translit_kk_2018_from_latin_txt[] = {
#embed "../../Rules/translit/kk-2018-from-latin.txt"
};
static const unsigned char f_translit_kk_2018_to_latin_txt[] = {
#embed "../../Rules/translit/kk-2018-to-latin.txt"
};
static const unsigned char f_translit_kk_2021_from_latin_txt[] = {
#embed "../../Rules/translit/kk-2021-from-latin.txt"
};
static const unsigned char f_translit_kk_2021_short_txt[] = {
#embed "../../Rules/translit/kk-2021-short.txt"
};
static const unsigned char f_translit_kk_2021_to_latin_txt[] = {
#embed "../../Rules/translit/kk-2021-to-latin.txt"
};
static const unsigned char f_translit_kk_words_tsv[] = {
#embed "../../Rules/translit/kk-words.tsv"
};
static const unsigned char f_translit_README_md[] = {
#embed "../../Rules/translit/README.md"
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
static const unsigned char f_restore_lexicon[] = {
#embed "../../Rules/restore/lexicon.bin"
};
static const unsigned char f_restore_pairs[] = {
#embed "../../Rules/restore/pairs.bin"
};
static const unsigned char f_restore_letters[] = {
#embed "../../Rules/restore/letters.bin"
};
static const unsigned char f_restore_russian[] = {
#embed "../../Rules/restore/russian.bin"
};

static const nz_file files[] = {
    {"README.md", f_readme, sizeof f_readme},
    {"encodings/kz1048.txt", f_enc_kz1048, sizeof f_enc_kz1048},
    {"encodings/ptcp154.txt", f_enc_ptcp154, sizeof f_enc_ptcp154},
    {"unicode/homoglyphs.tsv", f_unicode_homoglyphs, sizeof f_unicode_homoglyphs},
    {"unicode/letter-trigrams.tsv", f_unicode_trigrams, sizeof f_unicode_trigrams},
    {"translit/bgn-to-latin.txt", f_translit_bgn_to_latin_txt, sizeof f_translit_bgn_to_latin_txt},
    {"translit/kk-2017-to-latin.txt", f_translit_kk_2017_to_latin_txt, sizeof f_translit_kk_2017_to_latin_txt},
    {"translit/kk-2018-from-latin.txt", f_translit_kk_2018_from_latin_txt, sizeof f_translit_kk_2018_from_latin_txt},
    {"translit/kk-2018-to-latin.txt", f_translit_kk_2018_to_latin_txt, sizeof f_translit_kk_2018_to_latin_txt},
    {"translit/kk-2021-from-latin.txt", f_translit_kk_2021_from_latin_txt, sizeof f_translit_kk_2021_from_latin_txt},
    {"translit/kk-2021-short.txt", f_translit_kk_2021_short_txt, sizeof f_translit_kk_2021_short_txt},
    {"translit/kk-2021-to-latin.txt", f_translit_kk_2021_to_latin_txt, sizeof f_translit_kk_2021_to_latin_txt},
    {"translit/kk-words.tsv", f_translit_kk_words_tsv, sizeof f_translit_kk_words_tsv},
    {"translit/README.md", f_translit_README_md, sizeof f_translit_README_md},
    {"reflow/README.md", f_reflow_readme, sizeof f_reflow_readme},
    {"reflow/words.tsv", f_reflow_words, sizeof f_reflow_words},
    {"reflow/hyphenated.tsv", f_reflow_hyphenated, sizeof f_reflow_hyphenated},
    {"lexicon/kk.tsv", f_lexicon_kk, sizeof f_lexicon_kk},
    {"lexicon/ru.tsv", f_lexicon_ru, sizeof f_lexicon_ru},
    {"lexicon/names.tsv", f_lexicon_names, sizeof f_lexicon_names},
    {"lexicon/kk-suffixes.tsv", f_lexicon_kk_suffixes, sizeof f_lexicon_kk_suffixes},
    {"lexicon/ru-suffixes.tsv", f_lexicon_ru_suffixes, sizeof f_lexicon_ru_suffixes},
    {"lexicon/README.md", f_lexicon_readme, sizeof f_lexicon_readme},
    {"langid/model.bin", f_langid_model, sizeof f_langid_model},
    {"restore/lexicon.bin", f_restore_lexicon, sizeof f_restore_lexicon},
    {"restore/pairs.bin", f_restore_pairs, sizeof f_restore_pairs},
    {"restore/letters.bin", f_restore_letters, sizeof f_restore_letters},
    {"restore/russian.bin", f_restore_russian, sizeof f_restore_russian},
};

size_t nz_data_count(void) { return sizeof files / sizeof files[0]; }
const char *nz_data_name(size_t i) { return i < nz_data_count() ? files[i].name : 0; }
const unsigned char *nz_data_bytes(size_t i) { return i < nz_data_count() ? files[i].bytes : 0; }
size_t nz_data_size(size_t i) { return i < nz_data_count() ? files[i].size : 0; }
