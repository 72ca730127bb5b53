#ifndef CCSIM_CFILEEXCHANGE_H
#define CCSIM_CFILEEXCHANGE_H

/* Atomically exchanges two paths (Linux renameat2 with RENAME_EXCHANGE, kernel >= 3.15):
   both exist before and after, each under the other's name. Returns 0 on success, else
   -1 with errno set (EINVAL or ENOSYS where the file system or kernel cannot: the caller
   then falls back to two renames). Swift's Glibc module does not expose renameat2. */
int ccsim_exchange_paths(const char *first, const char *second);

#endif
