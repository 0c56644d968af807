/* Keepsake — photo keeping for photo labs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a written session back (ks_verify in IsoAdapter.h): every file's data read
 * once from the medium in the order it lies there, its MD5 compared with the one
 * libisofs recorded, and the session's own checksum checked.
 */
#include "IsoAdapter.h"
#include "IsoAdapterPrivate.h"

#include <libburn/libburn.h>
#include <libisofs/libisofs.h>
#include <libisoburn/libisoburn.h>

#include <openssl/evp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- verification ---------------------------------------------------------- */

typedef struct ks_item {   /* one file's data; clones share it */
    char *path;
    char recorded[16];
    int has_md5;
    int64_t size;
    int64_t first_byte;
    EVP_MD_CTX *md5;
    int clone_of;          /* -1, or the item whose data this is */
} ks_item;

typedef struct ks_piece {  /* one extent of an item */
    int64_t start;
    int64_t size;
    int item;
} ks_piece;

typedef struct ks_check {
    ks_item *items;
    int item_count, item_room;
    ks_piece *pieces;
    int piece_count, piece_room;
} ks_check;

static int grow(void **array, int *room, int count, size_t each)
{
    if (count < *room)
        return 1;
    const int wanted = *room ? *room * 2 : 256;
    void *bigger = realloc(*array, (size_t)wanted * each);
    if (!bigger)
        return 0;
    *array = bigger;
    *room = wanted;
    return 1;
}

static int collect(ks_disc *disc, IsoDir *dir, const char *prefix, ks_check *check)
{
    IsoDirIter *iter = NULL;
    IsoNode *node = NULL;
    if (iso_dir_get_children(dir, &iter) < 0)
        return 0;
    while (iso_dir_iter_next(iter, &node) == 1) {
        const size_t length = strlen(prefix) + strlen(iso_node_get_name(node)) + 2;
        char *path = malloc(length);
        snprintf(path, length, "%s/%s", prefix, iso_node_get_name(node));
        if (iso_node_get_type(node) == LIBISO_DIR) {
            collect(disc, (IsoDir *)node, path, check);
            free(path);
            continue;
        }
        if (iso_node_get_type(node) != LIBISO_FILE
            || !grow((void **)&check->items, &check->item_room, check->item_count, sizeof(ks_item))) {
            free(path);
            continue;
        }
        IsoFile *file = (IsoFile *)node;
        ks_item *item = &check->items[check->item_count];
        memset(item, 0, sizeof *item);
        item->path = path;
        item->clone_of = -1;
        item->has_md5 = iso_file_get_md5(disc->image, file, item->recorded, 0) == 1;
        item->size = (int64_t)iso_stream_get_size(iso_file_get_stream(file));
        struct iso_file_section *sections = NULL;
        int count = 0;
        if (iso_file_get_old_image_sections(file, &count, &sections, 0) == 1) {
            item->first_byte = (int64_t)sections[0].block * 2048;
            for (int i = 0; i < count; ++i) {
                if (!grow((void **)&check->pieces, &check->piece_room, check->piece_count,
                          sizeof(ks_piece)))
                    break;
                ks_piece *piece = &check->pieces[check->piece_count++];
                piece->start = (int64_t)sections[i].block * 2048;
                piece->size = sections[i].size;
                piece->item = check->item_count;
            }
            free(sections);
        }
        ++check->item_count;
    }
    iso_dir_iter_free(iter);
    return 1;
}

static int by_start(const void *a, const void *b)
{
    const ks_piece *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->item - y->item;
}

/* Pieces at the same place as an earlier one (a cover's second entry) are read once. */
static void mark_clones(ks_check *check)
{
    qsort(check->pieces, (size_t)check->piece_count, sizeof(ks_piece), by_start);
    int kept = 0;
    for (int i = 0; i < check->piece_count; ++i) {
        ks_piece *piece = &check->pieces[i];
        if (kept > 0) {
            ks_piece *previous = &check->pieces[kept - 1];
            ks_item *a = &check->items[previous->item], *b = &check->items[piece->item];
            if (previous->start == piece->start && piece->size > 0 && a->size == b->size
                && a->first_byte == b->first_byte) {
                b->clone_of = previous->item;
                continue;
            }
        }
        check->pieces[kept++] = *piece;
    }
    check->piece_count = kept;
}

static void feed(ks_item *item, const char *data, int64_t length)
{
    if (!item->md5) {
        item->md5 = EVP_MD_CTX_new();
        EVP_DigestInit_ex(item->md5, EVP_md5(), NULL);
    }
    EVP_DigestUpdate(item->md5, data, (size_t)length);
}

typedef struct ks_reader {
    ks_disc *disc;
    char *buffer;
    int64_t buffer_size;
    EVP_MD_CTX *session;
    ks_progress_fn progress;
    void *context;
    int64_t done, total;
    int cancelled;
} ks_reader;

/* Reads [from, to) in large chunks, feeding the session MD5 (when asked) and every
 * piece of check->pieces[*next...] that lies in the range. */
static int read_range(ks_reader *reader, ks_check *check, int64_t from, int64_t to,
                      int with_session, int *next)
{
    for (int64_t at = from; at < to;) {
        const int64_t want = to - at < reader->buffer_size ? to - at : reader->buffer_size;
        off_t got = 0;
        if (burn_read_data(reader->disc->drive, (off_t)at, reader->buffer, (off_t)want, &got, 2) <= 0
            || got != want)
            return KS_FAILED;
        if (with_session)
            EVP_DigestUpdate(reader->session, reader->buffer, (size_t)want);
        const int64_t end = at + want;
        while (*next < check->piece_count && check->pieces[*next].start < end) {
            ks_piece *piece = &check->pieces[*next];
            const int64_t a = piece->start > at ? piece->start : at;
            const int64_t piece_end = piece->start + piece->size;
            const int64_t b = piece_end < end ? piece_end : end;
            if (b > a)
                feed(&check->items[piece->item], reader->buffer + (a - at), b - a);
            if (piece_end > end)
                break;
            ++*next;
        }
        at = end;
        reader->done += want;
        if (reader->progress && reader->progress(reader->context, reader->done, reader->total)) {
            reader->cancelled = 1;
            return KS_CANCELLED;
        }
    }
    return KS_OK;
}

static int judge(ks_check *check, ks_bad_file_fn bad, void *context, int *checked)
{
    int mismatches = 0;
    for (int i = 0; i < check->item_count; ++i) {
        ks_item *item = &check->items[i];
        const ks_item *data = item->clone_of >= 0 ? &check->items[item->clone_of] : item;
        unsigned char digest[16];
        unsigned int length = 0;
        EVP_MD_CTX *copy = EVP_MD_CTX_new();
        if (data->md5) {
            EVP_MD_CTX_copy_ex(copy, data->md5);
        } else {
            EVP_DigestInit_ex(copy, EVP_md5(), NULL);   /* an empty file */
        }
        EVP_DigestFinal_ex(copy, digest, &length);
        EVP_MD_CTX_free(copy);
        ++*checked;
        if (!item->has_md5) {
            ++mismatches;
            if (bad)
                bad(context, item->path, "no checksum recorded");
        } else if (memcmp(digest, item->recorded, 16) != 0) {
            ++mismatches;
            if (bad)
                bad(context, item->path, "checksum differs");
        }
    }
    return mismatches;
}

static void free_check(ks_check *check)
{
    for (int i = 0; i < check->item_count; ++i) {
        free(check->items[i].path);
        if (check->items[i].md5)
            EVP_MD_CTX_free(check->items[i].md5);
    }
    free(check->items);
    free(check->pieces);
}

int ks_verify(ks_disc *disc, ks_progress_fn progress, ks_bad_file_fn bad, void *context,
              int *files_checked, char *error, int error_size)
{
    uint32_t start = 0, end = 0;
    char session_md5[16];
    ks_check check = { 0 };
    *files_checked = 0;
    if (!disc->image || iso_image_get_session_md5(disc->image, &start, &end, session_md5, 0) != 1) {
        ks_put_error(error, error_size, "the disc carries no recorded session checksum");
        return KS_MISMATCH;
    }
    collect(disc, iso_image_get_root(disc->image), "", &check);
    mark_clones(&check);
    ks_reader reader = { disc, NULL, 4 * 1024 * 1024, EVP_MD_CTX_new(), progress, context, 0, 0, 0 };
    reader.buffer = malloc((size_t)reader.buffer_size);
    const int64_t from = (int64_t)start * 2048, to = (int64_t)end * 2048;
    reader.total = to - from;
    for (int i = 0; i < check.piece_count; ++i)
        if (check.pieces[i].start < from)
            reader.total += check.pieces[i].size;
    EVP_DigestInit_ex(reader.session, EVP_md5(), NULL);

    int result = reader.buffer ? KS_OK : KS_FAILED;
    int next = 0;
    /* Files of earlier sessions first (they lie before this session), then one pass. */
    for (int i = 0; result == KS_OK && i < check.piece_count && check.pieces[i].start < from; ++i) {
        const int64_t piece_end = check.pieces[i].start + check.pieces[i].size;
        ks_check one = check;
        int only = 0;
        one.pieces = &check.pieces[i];
        one.piece_count = 1;
        result = read_range(&reader, &one, check.pieces[i].start, (piece_end + 2047) / 2048 * 2048, 0,
                            &only);
        next = i + 1;
    }
    if (result == KS_OK)
        result = read_range(&reader, &check, from, to, 1, &next);
    if (result == KS_FAILED) {
        ks_drain(error, error_size);
        ks_put_error(error, error_size, "the disc could not be read back");
    }
    if (result == KS_OK) {
        unsigned char digest[16];
        unsigned int length = 0;
        EVP_DigestFinal_ex(reader.session, digest, &length);
        const int mismatches = judge(&check, bad, context, files_checked);
        if (memcmp(digest, session_md5, 16) != 0) {
            ks_put_error(error, error_size, "the session checksum differs");
            result = KS_MISMATCH;
        } else if (mismatches > 0) {
            snprintf(error, (size_t)error_size, "%d files differ from their recorded checksums",
                     mismatches);
            result = KS_MISMATCH;
        }
    }
    EVP_MD_CTX_free(reader.session);
    free(reader.buffer);
    free_check(&check);
    ks_drain(NULL, 0);
    return result;
}
