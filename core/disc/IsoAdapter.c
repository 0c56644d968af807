/* Keepsake — photo keeping for photo labs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The adapter over libisoburn, libisofs and libburn 1.5.4 (see IsoAdapter.h and
 * DISC-NOTES.md for the order of calls and the gotchas found by experiment).
 */
#include "IsoAdapter.h"
#include "IsoAdapterPrivate.h"

#include <libburn/libburn.h>
#include <libisofs/libisofs.h>
#include <libisoburn/libisoburn.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The libraries keep process-wide state and message queues; these mirror that. One
 * disc session runs at a time in a process (DiscLibraries.h), which guards them. */
static int ks_started;
static ks_message_fn ks_messages;
static void *ks_messages_context;

/* libburn's writer thread says "Write thread on drive N ended" under this code (DEBUG)
 * when it is done with the drive (libburn/async.c, write_disc_worker_func). */
#define KS_WRITER_ENDED 0x00020178
static int ks_writer_ended;

void ks_put_error(char *error, int size, const char *text)
{
    if (error && size > 0 && error[0] == 0)
        snprintf(error, (size_t)size, "%s", text);
}

static int severity_rank(char *name)
{
    int rank = 0;
    burn_text_to_sev(name, &rank, 0);
    return rank;
}

/* Empties both message queues into the log; the first message of severity SORRY or
 * worse becomes the error text (it names the cause; later ones repeat the outcome). */
void ks_drain(char *error, int size)
{
    char text[4096 + 64], severity[80], sorry[] = "SORRY";
    int code = 0, os_errno = 0, image_id = 0;
    const int threshold = severity_rank(sorry);
    for (;;) {
        int got = burn_msgs_obtain("ALL", &code, text, &os_errno, severity);
        if (got > 0 && code == KS_WRITER_ENDED)
            ks_writer_ended = 1;
        if (got <= 0) {
            got = iso_obtain_msgs("ALL", &code, &image_id, text, severity);
            os_errno = 0;
        }
        if (got <= 0)
            break;
        if (os_errno != 0) {
            size_t used = strlen(text);
            snprintf(text + used, sizeof text - used, " (%s)", strerror(os_errno));
        }
        if (ks_messages)
            ks_messages(ks_messages_context, severity, text);
        if (severity_rank(severity) >= threshold)
            ks_put_error(error, size, text);
    }
}

int ks_init(ks_message_fn messages, void *context, char *error, int error_size)
{
    char text[1024] = { 0 };
    ks_messages = messages;
    ks_messages_context = context;
    if (ks_started)
        return KS_OK;
    if (!isoburn_initialize(text, 0)) {
        ks_put_error(error, error_size, text[0] ? text : "libisoburn could not start");
        return KS_FAILED;
    }
    /* DEBUG: the writer thread's last word (KS_WRITER_ENDED) is a debug message. */
    burn_msgs_set_severities("DEBUG", "NEVER", "keepsake: ");
    iso_set_msgs_severities("WARNING", "NEVER", "keepsake: ");
    iso_set_local_charset("UTF-8", 0);
    ks_started = 1;
    return KS_OK;
}

int ks_list_drives(ks_drive_entry **entries, int *count, char *error, int error_size)
{
    struct burn_drive_info *infos = NULL;
    unsigned int found = 0;
    *entries = NULL;
    *count = 0;
    /* The scan runs on libburn's own thread: it is called again until it says it is
     * finished. Leaving it half done made a later image file be written without its
     * session checksum, and every later scan fail. */
    int scanned;
    while ((scanned = burn_drive_scan(&infos, &found)) == 0)
        usleep(20000);
    if (scanned < 0) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the drives could not be scanned");
        return KS_FAILED;
    }
    if (found > 0)
        *entries = calloc(found, sizeof(ks_drive_entry));
    for (unsigned int i = 0; i < found && *entries; ++i) {
        ks_drive_entry *entry = &(*entries)[i];
        char address[BURN_DRIVE_ADR_LEN] = { 0 };
        burn_drive_get_adr(&infos[i], address);
        snprintf(entry->address, sizeof entry->address, "%s", address);
        snprintf(entry->vendor, sizeof entry->vendor, "%s", infos[i].vendor);
        snprintf(entry->product, sizeof entry->product, "%s", infos[i].product);
        ++*count;
    }
    /* Scanned drives stay locked until forgotten: other programs may use them. */
    for (unsigned int i = 0; i < found; ++i)
        burn_drive_info_forget(&infos[i], 0);
    burn_drive_info_free(infos);
    ks_drain(NULL, 0);
    return KS_OK;
}

void ks_free_drives(ks_drive_entry *entries)
{
    free(entries);
}

static int load_tree(ks_disc *disc, char *error, int error_size)
{
    struct isoburn_read_opts *options = NULL;
    enum burn_disc_status status = isoburn_disc_get_status(disc->drive);
    if (status != BURN_DISC_BLANK && status != BURN_DISC_APPENDABLE && status != BURN_DISC_FULL)
        return KS_OK;
    if (isoburn_ropt_new(&options, 0) <= 0)
        return KS_FAILED;
    /* AAIP and MD5 reading stay on: without them recorded checksums are not found. */
    isoburn_ropt_set_extensions(options, isoburn_ropt_noacl | isoburn_ropt_noea);
    isoburn_ropt_set_input_charset(options, "UTF-8");
    const int ret = isoburn_read_image(disc->drive, options, &disc->image);
    isoburn_ropt_destroy(&options, 0);
    if (ret <= 0) {
        disc->image = NULL;
        ks_drain(error, error_size);
        return status == BURN_DISC_BLANK ? KS_FAILED : KS_OK;   /* foreign data: no tree */
    }
    ks_drain(NULL, 0);
    return KS_OK;
}

int ks_open(const char *address, ks_disc **result, char *error, int error_size)
{
    ks_disc *disc = calloc(1, sizeof *disc);
    *result = NULL;
    if (!disc)
        return KS_FAILED;
    snprintf(disc->address, sizeof disc->address, "%s", address);
    /* bit0 load the tray, bit5/bit6 ignore ACLs and xattrs of local files. */
    if (isoburn_drive_aquire(&disc->info, disc->address, 1 | 32 | 64) <= 0) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "no drive at this address");
        free(disc);
        return KS_NO_MEDIUM;
    }
    disc->drive = disc->info[0].drive;
    if (load_tree(disc, error, error_size) != KS_OK) {
        ks_close(disc);
        return KS_FAILED;
    }
    *result = disc;
    return KS_OK;
}

void ks_close(ks_disc *disc)
{
    if (!disc)
        return;
    if (disc->image)
        iso_image_unref(disc->image);
    if (disc->drive)
        isoburn_drive_release(disc->drive, 0);
    if (disc->info)
        burn_drive_info_free(disc->info);
    ks_drain(NULL, 0);
    free(disc);
}

int ks_media_info(ks_disc *disc, ks_media *media)
{
    int profile = 0, lba = 0, nwa = 0;
    memset(media, 0, sizeof *media);
    switch (isoburn_disc_get_status(disc->drive)) {
    case BURN_DISC_BLANK: media->status = KS_MEDIA_BLANK; break;
    case BURN_DISC_APPENDABLE: media->status = KS_MEDIA_APPENDABLE; break;
    case BURN_DISC_FULL: media->status = KS_MEDIA_FULL; break;
    default: media->status = KS_MEDIA_NONE; break;
    }
    burn_disc_get_profile(disc->drive, &profile, media->profile);
    media->erasable = isoburn_disc_erasable(disc->drive);
    media->is_image_file = burn_drive_get_drive_role(disc->drive) != 1;
    media->has_tree = disc->image && iso_dir_get_children_count(iso_image_get_root(disc->image)) > 0;
    media->free_bytes = (int64_t)isoburn_disc_available_space(disc->drive, NULL);
    if (media->status == KS_MEDIA_APPENDABLE
        && isoburn_disc_track_lba_nwa(disc->drive, NULL, 0, &lba, &nwa) == 1)
        media->used_bytes = (int64_t)nwa * 2048;
    ks_drain(NULL, 0);
    return KS_OK;
}

static IsoNode *find_node(ks_disc *disc, const char *path)
{
    IsoNode *node = NULL;
    if (!disc->image || iso_tree_path_to_node(disc->image, path, &node) != 1)
        return NULL;
    return node;
}

int ks_exists(ks_disc *disc, const char *path)
{
    return find_node(disc, path) != NULL;
}

int ks_file_md5(ks_disc *disc, const char *path, char md5[16])
{
    IsoNode *node = find_node(disc, path);
    if (!node || iso_node_get_type(node) != LIBISO_FILE)
        return 0;
    return iso_file_get_md5(disc->image, (IsoFile *)node, md5, 0) == 1;
}

int ks_read_file(ks_disc *disc, const char *path, char **data, int64_t *size, char *error,
                 int error_size)
{
    IsoNode *node = find_node(disc, path);
    *data = NULL;
    *size = 0;
    if (!node || iso_node_get_type(node) != LIBISO_FILE) {
        ks_put_error(error, error_size, "no such file on the disc");
        return KS_FAILED;
    }
    IsoStream *stream = iso_file_get_stream((IsoFile *)node);
    if (iso_stream_open(stream) < 0) {
        ks_drain(error, error_size);
        return KS_FAILED;
    }
    const int64_t total = (int64_t)iso_stream_get_size(stream);
    char *buffer = malloc((size_t)total + 1);
    int64_t done = 0;
    while (buffer && done < total) {
        const int got = iso_stream_read(stream, buffer + done, (size_t)(total - done));
        if (got <= 0)
            break;
        done += got;
    }
    iso_stream_close(stream);
    if (!buffer || done != total) {
        free(buffer);
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the file could not be read from the disc");
        return KS_FAILED;
    }
    buffer[total] = 0;
    *data = buffer;
    *size = total;
    return KS_OK;
}

/* The folder holding path's last component, made where missing; leaf points into path. */
static IsoDir *parent_dir(ks_disc *disc, const char *path, char *leaf, size_t leaf_size,
                          char *error, int error_size)
{
    char copy[8192];
    snprintf(copy, sizeof copy, "%s", path);
    IsoDir *dir = iso_image_get_root(disc->image);
    char *save = NULL;
    char *part = strtok_r(copy, "/", &save);
    while (part) {
        char *next = strtok_r(NULL, "/", &save);
        if (!next) {
            snprintf(leaf, leaf_size, "%s", part);
            return dir;
        }
        IsoNode *node = NULL;
        if (iso_dir_get_node(dir, part, &node) == 1) {
            if (iso_node_get_type(node) != LIBISO_DIR) {
                ks_put_error(error, error_size, "a file stands where a folder belongs");
                return NULL;
            }
            dir = (IsoDir *)node;
        } else {
            IsoDir *made = NULL;
            if (iso_tree_add_new_dir(dir, part, &made) < 0) {
                ks_drain(error, error_size);
                return NULL;
            }
            iso_node_set_permissions((IsoNode *)made, 0555);
            iso_node_set_mtime((IsoNode *)made, time(NULL));
            dir = made;
        }
        part = next;
    }
    ks_put_error(error, error_size, "an empty path");
    return NULL;
}

static void remove_node(IsoNode *node)
{
    if (iso_node_get_type(node) == LIBISO_DIR)
        iso_node_remove_tree(node, NULL);
    else
        iso_node_remove(node);
}

static int ensure_image(ks_disc *disc, char *error, int error_size)
{
    if (disc->image)
        return KS_OK;
    ks_put_error(error, error_size, "the medium holds no tree to add to");
    return KS_FAILED;
}

int ks_add_file(ks_disc *disc, const char *path, const char *source, char *error, int error_size)
{
    char leaf[4096];
    IsoNode *old = NULL, *node = NULL;
    if (ensure_image(disc, error, error_size) != KS_OK)
        return KS_FAILED;
    IsoDir *dir = parent_dir(disc, path, leaf, sizeof leaf, error, error_size);
    if (!dir)
        return KS_FAILED;
    if (iso_dir_get_node(dir, leaf, &old) == 1)
        remove_node(old);
    if (iso_tree_add_new_node(disc->image, dir, leaf, source, &node) < 0) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the file could not be added to the disc");
        return KS_FAILED;
    }
    iso_node_set_permissions(node, 0444);
    return KS_OK;
}

int ks_add_clone(ks_disc *disc, const char *original, const char *path, char *error, int error_size)
{
    char leaf[4096];
    IsoNode *node = find_node(disc, original), *old = NULL, *clone = NULL;
    if (!node) {
        ks_put_error(error, error_size, "the file to show first is not on the disc");
        return KS_FAILED;
    }
    IsoDir *dir = parent_dir(disc, path, leaf, sizeof leaf, error, error_size);
    if (!dir)
        return KS_FAILED;
    if (iso_dir_get_node(dir, leaf, &old) == 1)
        remove_node(old);
    if (iso_tree_clone(node, dir, leaf, &clone, 0) < 0) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the cover entry could not be made");
        return KS_FAILED;
    }
    return KS_OK;
}

void ks_set_volume_id(ks_disc *disc, const char *volume_id)
{
    if (disc->image)
        iso_image_set_volume_id(disc->image, volume_id);
}

static struct isoburn_imgen_opts *image_options(void)
{
    struct isoburn_imgen_opts *options = NULL;
    if (isoburn_igopt_new(&options, 0) <= 0)
        return NULL;
    isoburn_igopt_set_level(options, 3);
    isoburn_igopt_set_extensions(options, isoburn_igopt_rockridge | isoburn_igopt_joliet
                                              | isoburn_igopt_aaip | isoburn_igopt_session_md5
                                              | isoburn_igopt_file_md5);
    isoburn_igopt_set_relaxed(options, isoburn_igopt_allow_deep_paths
                                           | isoburn_igopt_allow_longer_paths
                                           | isoburn_igopt_joliet_longer_paths
                                           | isoburn_igopt_joliet_long_names
                                           | isoburn_igopt_joliet_utf16);
    isoburn_igopt_set_out_charset(options, "UTF-8");
    isoburn_igopt_set_fifo_size(options, 16 * 1024 * 1024);
    return options;
}

/* Follows the write until libburn's writer thread is done with the drive, reporting
 * progress and passing a cancel on; returns whether it was cancelled.
 *
 * "Done" is not "the drive is idle": on stdio: pseudo-drives libburn 1.5.4 marks the
 * drive idle from inside the write (re-reading the file's state as it closes it),
 * while its thread still has to give back the drive's transfer buffer (d->buffer),
 * free its options and leave libburn's worker list. Going on at "idle" let the next
 * call into the drive (the session head that isoburn_activate_session() writes, or the
 * read-back) run beside the ending thread and find d->buffer pulled from under it: a
 * burn that crashed now and then on a loaded machine (issue 20, seen with a hardware
 * watchpoint on d->buffer). The thread's last message, KS_WRITER_ENDED, comes after
 * all of that; only its removal from the worker list and its own idle mark follow. */
static int watch_write(ks_disc *disc, ks_progress_fn progress, void *context, int64_t total,
                       int spawned, char *error, int error_size)
{
    struct burn_progress p;
    int cancelled = 0, idle_polls = 0;
    int64_t done = 0;
    const struct timespec pause = { 0, 5 * 1000 * 1000 };
    for (;;) {
        const enum burn_drive_status status = burn_drive_get_status(disc->drive, &p);
        ks_drain(error, error_size);
        if (status == BURN_DRIVE_IDLE && (ks_writer_ended || !spawned))
            break;
        /* Idle for a minute without the thread's last word: it was lost; go on. */
        if (status == BURN_DRIVE_IDLE && ++idle_polls > 12000)
            break;
        if (status != BURN_DRIVE_IDLE && p.sectors > 0 && p.sector > 0) {
            done = (int64_t)p.sector * 2048;   /* reset to 0 once idle: keep our own */
            total = (int64_t)p.sectors * 2048;
        }
        if (progress && progress(context, done, total) && !cancelled) {
            burn_drive_cancel(disc->drive);
            cancelled = 1;
        }
        nanosleep(&pause, NULL);
    }
    return cancelled;
}

int ks_write(ks_disc *disc, int64_t capacity, ks_progress_fn progress, void *context,
             int64_t *session_bytes, char *error, int error_size)
{
    struct burn_disc *target = NULL;
    char reasons[BURN_REASONS_LEN] = { 0 };
    int result = KS_FAILED;
    *session_bytes = 0;
    if (ensure_image(disc, error, error_size) != KS_OK)
        return KS_FAILED;
    struct isoburn_imgen_opts *options = image_options();
    struct burn_write_opts *write = burn_write_opts_new(disc->drive);
    if (!options || !write)
        goto done;
    burn_write_opts_set_perform_opc(write, 0);
    burn_write_opts_set_underrun_proof(write, 1);
    if (isoburn_prepare_disc(disc->drive, &target, options) <= 0) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the session could not be prepared");
        goto done;
    }
    /* Keep sequential discs appendable for the next visit; image files and overwritable
     * media are made appendable by libisoburn's emulation and refuse "multi". */
    burn_write_opts_set_multi(write, 1);
    if (burn_write_opts_auto_write_type(write, target, reasons, 1) == BURN_WRITE_NONE) {
        burn_write_opts_set_multi(write, 0);
        reasons[0] = 0;
    }
    if (burn_write_opts_auto_write_type(write, target, reasons, 0) == BURN_WRITE_NONE) {
        isoburn_cancel_prepared_write(disc->drive, NULL, 0);
        ks_put_error(error, error_size, reasons[0] ? reasons : "no write mode fits this medium");
        result = KS_NO_MEDIUM;
        goto done;
    }
    const int64_t needed = (int64_t)burn_disc_get_sectors(target) * 2048;
    int64_t room = (int64_t)isoburn_disc_available_space(disc->drive, write);
    if (capacity > 0 && capacity < room)
        room = capacity;
    *session_bytes = needed;
    if (needed > room) {
        isoburn_cancel_prepared_write(disc->drive, NULL, 0);
        snprintf(error, (size_t)error_size, "%lld bytes needed, %lld free",
                 (long long)needed, (long long)room);
        result = KS_TOO_SMALL;
        goto done;
    }
    ks_drain(error, error_size);
    ks_writer_ended = 0;
    isoburn_disc_write(write, target);
    /* Whether a writer thread was started: libburn marks the drive "spawning" before
     * it starts one; a refused write leaves it idle and marked failed. (A small image
     * may be written before this line runs and show idle already, but not failed.) */
    const int spawned = burn_drive_get_status(disc->drive, NULL) != BURN_DRIVE_IDLE
                        || burn_drive_wrote_well(disc->drive);
    const int cancelled = watch_write(disc, progress, context, needed, spawned, error, error_size);
    const int well = isoburn_drive_wrote_well(disc->drive);
    isoburn_sync_after_write(disc->drive, NULL, 0);
    if (cancelled) {
        result = KS_CANCELLED;
    } else if (!well) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the drive reported a failed write");
    } else if (isoburn_activate_session(disc->drive) <= 0) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the new session could not be made the one that mounts");
    } else {
        result = KS_OK;
    }
done:
    ks_drain(result == KS_OK ? NULL : error, error_size);
    if (result == KS_OK && error_size > 0)
        error[0] = 0;   /* warnings on the way are logged, not the outcome */
    if (target)
        burn_disc_free(target);
    if (write)
        burn_write_opts_free(write);
    if (options)
        isoburn_igopt_destroy(&options, 0);
    return result;
}
