// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QString>

#include <memory>

namespace Keepsake {

// SHA-256 through OpenSSL (which uses the CPU's SHA extensions where present).
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(const char *data, qsizetype size);
    void add(const QByteArray &data) { add(data.constData(), data.size()); }
    QString hex();   // finishes; lower-case hex

    static QString of(const QByteArray &data);
    static Result<QString> ofFile(const QString &path);

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

// The "quick hash" that recognises a card file again without reading it whole
// (DESIGN.md, "Recognising a card again"): the file's size, its first 256 KiB and its
// last 64 KiB. `head` may hold more than 256 KiB; only the first 256 KiB count.
// It only tells a file from the one it is compared with (identity and size match
// already), so it is a fast non-cryptographic hash, XXH3-128 ("xxh3:" and 32 hex
// digits); hand-ins before issue 14 kept a SHA-256 of the same bytes (legacyOf).
struct QuickHash
{
    static constexpr qint64 HeadBytes = 256 * 1024;
    static constexpr qint64 TailBytes = 64 * 1024;

    static QString of(qint64 fileSize, const QByteArray &head, const QByteArray &tail);
    // From a whole file in memory.
    static QString ofData(const QByteArray &data);
    static QString legacyOf(qint64 fileSize, const QByteArray &head, const QByteArray &tail);
    static bool isLegacy(const QString &quickHash) { return quickHash.size() == 64; }
};

} // namespace Keepsake
