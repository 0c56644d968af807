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
 *
 * And a pause in libburn's writer thread: with KEEPSAKE_PAUSE_WRITER set, the thread
 * that writes the image stops when it frees its write options — after libburn has
 * marked a stdio: drive idle, before the thread is done with the drive — and waits
 * (at most two seconds) for the burn to go on. If the burn goes on meanwhile (asks
 * whether the drive wrote well), the program exits with 87: it did not wait for the
 * writer thread.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
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

/* ---- the paused writer thread ------------------------------------------------ */

static pthread_mutex_t pause_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pause_moved_on = PTHREAD_COND_INITIALIZER;
static int writer_paused;
static int burn_went_on;

static int is_main_thread(void)
{
    return syscall(SYS_gettid) == getpid();
}

struct burn_write_opts;
struct burn_drive;

void burn_write_opts_free(struct burn_write_opts *opts)
{
    static void (*real)(struct burn_write_opts *);
    if (!real)
        real = (void (*)(struct burn_write_opts *))dlsym(RTLD_NEXT, "burn_write_opts_free");
    if (getenv("KEEPSAKE_PAUSE_WRITER") && !is_main_thread()) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 2;
        pthread_mutex_lock(&pause_lock);
        writer_paused = 1;
        while (!burn_went_on && pthread_cond_timedwait(&pause_moved_on, &pause_lock, &until) == 0)
            ;
        writer_paused = 0;
        pthread_mutex_unlock(&pause_lock);
    }
    real(opts);
}

int isoburn_drive_wrote_well(struct burn_drive *drive)
{
    static int (*real)(struct burn_drive *);
    if (!real)
        real = (int (*)(struct burn_drive *))dlsym(RTLD_NEXT, "isoburn_drive_wrote_well");
    pthread_mutex_lock(&pause_lock);
    const int paused = writer_paused;
    burn_went_on = 1;
    pthread_cond_broadcast(&pause_moved_on);
    pthread_mutex_unlock(&pause_lock);
    if (paused) {
        static const char words[] = "eio_shim: the burn went on while libburn's writer thread was still running\n";
        (void)!write(2, words, sizeof words - 1);
        _exit(87);
    }
    return real(drive);
}
