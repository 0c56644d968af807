/* Keepsake — photo keeping for photo labs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading a written session back (ks_verify in IsoAdapter.h): every file's data read
 * once from the medium in the order it lies there, its MD5 compared with the one
 * libisofs recorded, and the session's own checksum checked. The two MD5s over the
 * same bytes (the session's, the files') are each about as slow as the reading: the
 * files' are computed on a second thread, one chunk behind the reader (issue 14).
 */
#include "IsoAdapter.h"
#include "IsoAdapterPrivate.h"

#include <libburn/libburn.h>
#include <libisofs/libisofs.h>
#include <libisoburn/libisoburn.h>

#include <openssl/evp.h>

#include <pthread.h>
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

/* Feeds every piece of check->pieces[*next...] that lies in [at, at + length). */
static void feed_chunk(ks_check *check, int *next, const char *data, int64_t at, int64_t length)
{
    const int64_t end = at + length;
    while (*next < check->piece_count && check->pieces[*next].start < end) {
        ks_piece *piece = &check->pieces[*next];
        const int64_t a = piece->start > at ? piece->start : at;
        const int64_t piece_end = piece->start + piece->size;
        const int64_t b = piece_end < end ? piece_end : end;
        if (b > a)
            feed(&check->items[piece->item], data + (a - at), b - a);
        if (piece_end > end)
            break;
        ++*next;
    }
}

/* The files' MD5s on their own thread, in chunks handed over by the reader in order;
 * the reader may be up to KS_CHUNKS chunks ahead (a loaded machine wakes threads late). */
#define KS_CHUNKS 4
#define KS_CHUNK_SIZE (4 * 1024 * 1024)

typedef struct ks_chunk {
    ks_check *check;
    int *next;
    const char *data;
    int64_t at, length;
} ks_chunk;

typedef struct ks_feeder {
    pthread_t thread;
    int running;           /* the thread started; else chunks are fed in the reader's thread */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    ks_chunk chunks[KS_CHUNKS];
    int64_t handed, fed;   /* chunk i lies in buffer i % KS_CHUNKS */
    int stop;
} ks_feeder;

static void *feeder_main(void *argument)
{
    ks_feeder *feeder = argument;
    pthread_mutex_lock(&feeder->lock);
    for (;;) {
        while (feeder->fed == feeder->handed && !feeder->stop)
            pthread_cond_wait(&feeder->changed, &feeder->lock);
        if (feeder->fed == feeder->handed)
            break;
        const ks_chunk chunk = feeder->chunks[feeder->fed % KS_CHUNKS];
        pthread_mutex_unlock(&feeder->lock);
        feed_chunk(chunk.check, chunk.next, chunk.data, chunk.at, chunk.length);
        pthread_mutex_lock(&feeder->lock);
        ++feeder->fed;
        pthread_cond_broadcast(&feeder->changed);
    }
    pthread_mutex_unlock(&feeder->lock);
    return NULL;
}

static void feeder_start(ks_feeder *feeder)
{
    memset(feeder, 0, sizeof *feeder);
    pthread_mutex_init(&feeder->lock, NULL);
    pthread_cond_init(&feeder->changed, NULL);
    feeder->running = pthread_create(&feeder->thread, NULL, feeder_main, feeder) == 0;
}

/* Waits until no more than `ahead` chunks wait to be fed. */
static void feeder_wait(ks_feeder *feeder, int ahead)
{
    pthread_mutex_lock(&feeder->lock);
    while (feeder->handed - feeder->fed > ahead)
        pthread_cond_wait(&feeder->changed, &feeder->lock);
    pthread_mutex_unlock(&feeder->lock);
}

/* The buffer the next chunk is to be read into, once the feeder is done with it. */
static int feeder_slot(ks_feeder *feeder)
{
    feeder_wait(feeder, KS_CHUNKS - 1);
    return (int)(feeder->handed % KS_CHUNKS);
}

static void feeder_hand(ks_feeder *feeder, ks_check *check, int *next, const char *data, int64_t at,
                        int64_t length)
{
    if (!feeder->running) {
        feed_chunk(check, next, data, at, length);
        return;
    }
    pthread_mutex_lock(&feeder->lock);
    feeder->chunks[feeder->handed % KS_CHUNKS] = (ks_chunk) { check, next, data, at, length };
    ++feeder->handed;
    pthread_cond_broadcast(&feeder->changed);
    pthread_mutex_unlock(&feeder->lock);
}

static void feeder_end(ks_feeder *feeder)
{
    if (feeder->running) {
        pthread_mutex_lock(&feeder->lock);
        feeder->stop = 1;
        pthread_cond_broadcast(&feeder->changed);
        pthread_mutex_unlock(&feeder->lock);
        pthread_join(feeder->thread, NULL);
    }
    pthread_cond_destroy(&feeder->changed);
    pthread_mutex_destroy(&feeder->lock);
}

typedef struct ks_reader {
    ks_disc *disc;
    char *buffers[KS_CHUNKS];   /* filled by the reader while the feeder reads earlier ones */
    EVP_MD_CTX *session;
    ks_feeder feeder;
    ks_progress_fn progress;
    void *context;
    int64_t done, total;
    int cancelled;
} ks_reader;

/* KS_OK, or KS_FAILED when its buffers cannot be had; reader_close() in any case. */
static int reader_open(ks_reader *reader, ks_disc *disc, ks_progress_fn progress, void *context)
{
    int result = KS_OK;
    memset(reader, 0, sizeof *reader);
    reader->disc = disc;
    for (int i = 0; i < KS_CHUNKS; ++i)
        if (!(reader->buffers[i] = malloc(KS_CHUNK_SIZE)))
            result = KS_FAILED;
    reader->session = EVP_MD_CTX_new();
    reader->progress = progress;
    reader->context = context;
    feeder_start(&reader->feeder);
    return result;
}

static void reader_close(ks_reader *reader)
{
    feeder_end(&reader->feeder);
    EVP_MD_CTX_free(reader->session);
    for (int i = 0; i < KS_CHUNKS; ++i)
        free(reader->buffers[i]);
}

/* Reads [from, to) in large chunks, feeding the session MD5 (when asked) here and, on
 * the feeder's thread, every piece of check->pieces[*next...] that lies in the range.
 * Returns once the feeder is done with the range. */
static int read_range(ks_reader *reader, ks_check *check, int64_t from, int64_t to,
                      int with_session, int *next)
{
    int result = KS_OK;
    for (int64_t at = from; at < to;) {
        const int64_t want = to - at < KS_CHUNK_SIZE ? to - at : KS_CHUNK_SIZE;
        char *buffer = reader->buffers[feeder_slot(&reader->feeder)];
        off_t got = 0;
        if (burn_read_data(reader->disc->drive, (off_t)at, buffer, (off_t)want, &got, 2) <= 0
            || got != want) {
            result = KS_FAILED;
            break;
        }
        if (with_session)
            EVP_DigestUpdate(reader->session, buffer, (size_t)want);
        feeder_hand(&reader->feeder, check, next, buffer, at, want);
        at += want;
        reader->done += want;
        if (reader->progress && reader->progress(reader->context, reader->done, reader->total)) {
            reader->cancelled = 1;
            result = KS_CANCELLED;
            break;
        }
    }
    feeder_wait(&reader->feeder, 0);
    return result;
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
    ks_reader reader;
    int result = reader_open(&reader, disc, progress, context);
    const int64_t from = (int64_t)start * 2048, to = (int64_t)end * 2048;
    reader.total = to - from;
    for (int i = 0; i < check.piece_count; ++i)
        if (check.pieces[i].start < from)
            reader.total += check.pieces[i].size;
    EVP_DigestInit_ex(reader.session, EVP_md5(), NULL);

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
    reader_close(&reader);
    free_check(&check);
    ks_drain(NULL, 0);
    return result;
}
