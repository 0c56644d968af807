// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

namespace Keepsake {

// The two digests a stored photo needs, from one pass over its bytes: the SHA-256 that
// names it in the store and the catalog, and the MD5 a disc's manifest lists (and
// libisofs records), so that burning never reads a photo only to hash it (issue 14).
// Both through OpenSSL.
class ContentDigests
{
public:
    ContentDigests();
    ~ContentDigests();
    ContentDigests(const ContentDigests &) = delete;
    ContentDigests &operator=(const ContentDigests &) = delete;

    void add(const char *data, qsizetype size);
    void add(const QByteArray &data) { add(data.constData(), data.size()); }

    struct Hex
    {
        QString sha256;   // lower-case hex
        QString md5;
    };
    Hex finish();

private:
    struct Contexts;
    std::unique_ptr<Contexts> m_contexts;
};

} // namespace Keepsake
