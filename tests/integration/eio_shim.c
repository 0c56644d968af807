/* Keepsake — photo keeping for photo labs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A write error mid-burn for the disc tests: preloaded (LD_PRELOAD), it lets
 * KEEPSAKE_FAIL_AFTER bytes reach files named *.iso (or, with KEEPSAKE_FAIL_SUFFIX,
 * files whose names end so: the second disc of a run), then fails write() with EIO.
 *
 * A crash at a chosen point as well: with KEEPSAKE_KILL_MATCH, the process kills itself
 * (SIGKILL: nothing is cleaned up, no handler runs, as when the machine loses power or
 * a helper thread takes the process down) once KEEPSAKE_KILL_AFTER bytes (default 0)
 * have been written to files whose path contains that text.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long written_to_images;
static long long written_to_kill_matches;

/* The path of an open file descriptor, or an empty string. */
static void path_of(int fd, char *target, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t length = readlink(link, target, size - 1);
    target[length > 0 ? length : 0] = 0;
}

static void maybe_kill(int fd, size_t count)
{
    const char *match = getenv("KEEPSAKE_KILL_MATCH");
    if (!match || !*match)
        return;
    char target[4096];
    path_of(fd, target, sizeof target);
    if (!strstr(target, match))
        return;
    const char *after = getenv("KEEPSAKE_KILL_AFTER");
    const long long written = __atomic_add_fetch(&written_to_kill_matches, (long long)count, __ATOMIC_SEQ_CST);
    if (written > (after ? atoll(after) : 0))
        raise(SIGKILL);
}

static int is_image(int fd)
{
    char target[4096];
    path_of(fd, target, sizeof target);
    const size_t length = strlen(target);
    if (length < 4)
        return 0;
    const char *suffix = getenv("KEEPSAKE_FAIL_SUFFIX");
    if (!suffix || !*suffix)
        suffix = ".iso";
    const size_t wanted = strlen(suffix);
    return length >= wanted && strcmp(target + length - wanted, suffix) == 0;
}

static int should_fail(int fd, size_t count)
{
    maybe_kill(fd, count);
    const char *limit = getenv("KEEPSAKE_FAIL_AFTER");
    if (!limit || !is_image(fd))
        return 0;
    if (written_to_images + (long long)count > atoll(limit))
        return 1;
    written_to_images += (long long)count;
    return 0;
}

ssize_t write(int fd, const void *buffer, size_t count)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (should_fail(fd, count)) {
        errno = EIO;
        return -1;
    }
    return real(fd, buffer, count);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off_t offset)
{
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (!real)
        real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite64");
    if (should_fail(fd, count)) {
        errno = EIO;
        return -1;
    }
    return real(fd, buffer, count, offset);
}
