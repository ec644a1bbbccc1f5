// The table of files embedded from Rules/. To embed a new file, add its array and one table row
// (path relative to Rules/); EmbeddedRulesTests fails if an entry differs from the file on disk.
#include "CNormData.h"

typedef struct { const char *name; const unsigned char *bytes; size_t size; } nz_file;

static const unsigned char f_readme[] = {
#embed "../../Rules/README.md"
};

static const unsigned char f_langid_model[] = {
#embed "../../Rules/langid/model.bin"
};

static const nz_file files[] = {
    {"README.md", f_readme, sizeof f_readme},
    {"langid/model.bin", f_langid_model, sizeof f_langid_model},
};

size_t nz_data_count(void) { return sizeof files / sizeof files[0]; }
const char *nz_data_name(size_t i) { return i < nz_data_count() ? files[i].name : 0; }
const unsigned char *nz_data_bytes(size_t i) { return i < nz_data_count() ? files[i].bytes : 0; }
size_t nz_data_size(size_t i) { return i < nz_data_count() ? files[i].size : 0; }
