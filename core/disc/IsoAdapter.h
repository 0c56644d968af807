// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The one place that calls libisoburn, libisofs and libburn (DISC-NOTES.md). Plain C:
// under C++, libburn.h puts its declarations into a namespace that libisofs.h and
// libisoburn.h do not expect. Everything here is synchronous and must be called from
// one thread (the disc worker); the libraries run threads of their own underneath.

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ks_disc ks_disc;   // a grabbed drive with the tree of its medium

enum ks_result {
    KS_OK = 0,
    KS_FAILED = 1,       // the message says why
    KS_TOO_SMALL = 2,    // the session does not fit the medium
    KS_CANCELLED = 3,
    KS_NO_MEDIUM = 4,    // no disc, or one that cannot be written
    KS_MISMATCH = 5      // verification: a checksum differs or is missing
};

enum ks_media_status { KS_MEDIA_NONE = 0, KS_MEDIA_BLANK = 1, KS_MEDIA_APPENDABLE = 2, KS_MEDIA_FULL = 3 };

typedef struct ks_media {
    int status;              // ks_media_status
    char profile[80];        // "DVD+RW", "stdio file", ...
    int erasable;
    int is_image_file;       // the stdio: pseudo-drive
    int has_tree;            // an ISO 9660 tree was found
    int64_t free_bytes;      // room for a new session (what the drive reports)
    int64_t used_bytes;      // where a new session would start
} ks_media;

typedef struct ks_drive_entry {
    char address[4096];
    char vendor[9];
    char product[17];
} ks_drive_entry;

// Progress: bytes done of total; a nonzero return asks to cancel.
typedef int (*ks_progress_fn)(void *context, int64_t done, int64_t total);
// A file whose checksum differs (or has none): its path in the tree.
typedef void (*ks_bad_file_fn)(void *context, const char *path, const char *reason);
// A library message worth logging: severity name and text.
typedef void (*ks_message_fn)(void *context, const char *severity, const char *text);

// Starts the libraries once per process (later calls do nothing). 0 on success.
int ks_init(ks_message_fn messages, void *context, char *error, int error_size);

// Every drive on this machine (locks them while scanning; a clerk's explicit ask).
int ks_list_drives(ks_drive_entry **entries, int *count, char *error, int error_size);
void ks_free_drives(ks_drive_entry *entries);

// Grabs a drive ("/dev/sr0", "stdio:/path/image.iso") and loads the tree of its
// last session (empty on a blank medium).
int ks_open(const char *address, ks_disc **disc, char *error, int error_size);
void ks_close(ks_disc *disc);
int ks_media_info(ks_disc *disc, ks_media *media);

// Whether a path exists in the loaded tree; a whole file read from it (free()).
int ks_exists(ks_disc *disc, const char *path);
// The MD5 recorded for a file of the loaded tree: 1 and the 16 bytes when there is one.
int ks_file_md5(ks_disc *disc, const char *path, char md5[16]);
int ks_read_file(ks_disc *disc, const char *path, char **data, int64_t *size, char *error,
                 int error_size);

// Adds a local file at a path of the tree, making folders, replacing what is there.
int ks_add_file(ks_disc *disc, const char *path, const char *source, char *error, int error_size);
// A second entry for the same file data (no extra space).
int ks_add_clone(ks_disc *disc, const char *original, const char *path, char *error,
                 int error_size);
void ks_set_volume_id(ks_disc *disc, const char *volume_id);

// Writes the tree as a new session with MD5s recorded (session and files). A
// capacity above zero limits the room further. Removes nothing on failure.
int ks_write(ks_disc *disc, int64_t capacity, ks_progress_fn progress, void *context,
             int64_t *session_bytes, char *error, int error_size);

// Reads the medium back: the last session's MD5 and the recorded MD5 of every file.
int ks_verify(ks_disc *disc, ks_progress_fn progress, ks_bad_file_fn bad, void *context,
              int *files_checked, char *error, int error_size);

#ifdef __cplusplus
}
#endif
