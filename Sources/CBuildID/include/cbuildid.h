#ifndef CCSIM_CBUILDID_H
#define CCSIM_CBUILDID_H

#include <stddef.h>

/* The running executable's GNU build ID (the linker's NT_GNU_BUILD_ID note: a hash of
   the linked binary, different for every build), as lower-case hex into `out` (NUL-
   terminated). Read from the loaded program headers (dl_iterate_phdr), not from a file.
   Returns the number of hex digits written, or 0 when the executable has no build ID or
   `capacity` is too small. */
size_t ccsim_build_id(char *out, size_t capacity);

#endif
