/* Keepsake — photo keeping for photo labs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What IsoAdapter.c and IsoVerify.c share: the drive handle and the message queue.
 * Not for C++: libburn.h and libisofs.h do not mix under it (IsoAdapter.h is the
 * interface).
 */
#pragma once

#include <libburn/libburn.h>
#include <libisofs/libisofs.h>

struct ks_disc {
    struct burn_drive_info *info;
    struct burn_drive *drive;
    IsoImage *image;
    char address[4096];
};

/* Puts text into error unless an earlier, more telling text is there. */
void ks_put_error(char *error, int size, const char *text);

/* Empties libburn's and libisofs's message queues into the log; the first message of
 * severity SORRY or worse becomes the error text. */
void ks_drain(char *error, int size);
