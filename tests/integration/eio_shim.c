/* Keepsake — photo keeping for photo labs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A write error mid-burn for the disc tests: preloaded (LD_PRELOAD), it lets
 * KEEPSAKE_FAIL_AFTER bytes reach files named *.iso (or, with KEEPSAKE_FAIL_SUFFIX,
 * files whose names end so: the second disc of a run), then fails write() with EIO.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static long long written_to_images;

static int is_image(int fd)
{
    char link[64], target[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t length = readlink(link, target, sizeof target - 1);
    if (length < 4)
        return 0;
    target[length] = 0;
    const char *suffix = getenv("KEEPSAKE_FAIL_SUFFIX");
    if (!suffix || !*suffix)
        suffix = ".iso";
    const size_t wanted = strlen(suffix);
    return (size_t)length >= wanted && strcmp(target + length - wanted, suffix) == 0;
}

static int should_fail(int fd, size_t count)
{
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
