#define _GNU_SOURCE
#include "cbuildid.h"
#include <elf.h>
#include <link.h>
#include <string.h>

struct request { char *out; size_t capacity; size_t written; };

static size_t align4(size_t n) { return (n + 3) & ~(size_t)3; }

/* The first object dl_iterate_phdr reports is the executable itself. */
static int first_object(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size;
    struct request *r = data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_NOTE) continue;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
        const unsigned char *end = p + ph->p_memsz;
        while (p + sizeof(ElfW(Nhdr)) <= end) {
            const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
            const unsigned char *name = p + sizeof(ElfW(Nhdr));
            const unsigned char *desc = name + align4(note->n_namesz);
            if (desc + note->n_descsz > end) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                static const char hex[] = "0123456789abcdef";
                if (2 * (size_t)note->n_descsz + 1 > r->capacity) return 1;
                for (size_t k = 0; k < note->n_descsz; k++) {
                    r->out[2 * k] = hex[desc[k] >> 4];
                    r->out[2 * k + 1] = hex[desc[k] & 15];
                }
                r->out[2 * note->n_descsz] = 0;
                r->written = 2 * (size_t)note->n_descsz;
                return 1;
            }
            p = desc + align4(note->n_descsz);
        }
    }
    return 1;
}

size_t ccsim_build_id(char *out, size_t capacity) {
    struct request r = { out, capacity, 0 };
    if (capacity > 0) out[0] = 0;
    dl_iterate_phdr(first_object, &r);
    return r.written;
}
