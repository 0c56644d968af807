// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>

namespace Keepsake {

// One entry of a card or folder handed in: a regular file to look at, or something
// that is not taken in (a symbolic link, a FIFO, a device, a folder that cannot be
// read), with the reason why.
struct CardEntry
{
    QString absolutePath;
    QString relativePath;   // as found, relative to the folder handed in
    QString root;           // the folder handed in; empty for a file handed in by itself
    qint64 size = 0;
    QString refusal;        // why it is not taken in; empty for a regular file

    bool refused() const { return !refusal.isEmpty(); }
};

// The walk over what a customer hands in stays on the card (issue 12, item 5): it
// follows no symbolic link (to a file or to a folder), opens no FIFO, socket or
// device, and reaches no path outside the folder handed in. Every such entry is
// listed all the same, refused with its reason, so that the hand-in can say so.
// Hidden entries (.Trashes, ._IMG_0001.JPG) are the operating system's and are left
// out, as before. What is handed in by name (the card's folder itself, or one file)
// may be a link: the person handing it in chose it.
class CardWalk
{
public:
    // The entries of every source, each folder's sorted by relative path. A source that
    // does not exist or cannot be read is a usage error.
    static Result<QList<CardEntry>> collect(const QStringList &sources);

    // Opens a regular file of the walk for reading, again without following a link and
    // without leaving its folder, and without blocking should a FIFO have taken its
    // place since the walk.
    static Status open(const CardEntry &entry, QFile &file);

private:
    explicit CardWalk(QString root) : m_root(std::move(root)) { }
    void walk(const QString &folder, QList<CardEntry> &into) const;
    CardEntry entryFor(const QString &path) const;

    QString m_root;
};

} // namespace Keepsake
