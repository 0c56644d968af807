// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Sha256.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/evp.h>
#include <xxhash.h>

#include <new>

namespace Keepsake {

struct Sha256::Context
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : m_context(std::make_unique<Context>())
{
    EVP_DigestInit_ex(m_context->md, EVP_sha256(), nullptr);
}

Sha256::~Sha256() = default;

void Sha256::add(const char *data, qsizetype size)
{
    EVP_DigestUpdate(m_context->md, data, size_t(size));
}

QString Sha256::hex()
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_DigestFinal_ex(m_context->md, digest, &length);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(digest), int(length)).toHex());
}

QString Sha256::of(const QByteArray &data)
{
    Sha256 hash;
    hash.add(data);
    return hash.hex();
}

Result<QString> Sha256::ofFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(QCoreApplication::translate("Keepsake::Store",
            "%1 cannot be read: %2.").arg(path, file.errorString()));
    Sha256 hash;
    QByteArray buffer(4 << 20, Qt::Uninitialized);
    for (;;) {
        const qint64 got = file.read(buffer.data(), buffer.size());
        if (got < 0)
            return Error::failure(QCoreApplication::translate("Keepsake::Store",
                "%1 cannot be read: %2.").arg(path, file.errorString()));
        if (got == 0)
            break;
        hash.add(buffer.constData(), got);
    }
    return hash.hex();
}

QString QuickHash::of(qint64 fileSize, const QByteArray &head, const QByteArray &tail)
{
    XXH3_state_t *state = XXH3_createState();
    if (!state)
        throw std::bad_alloc();
    XXH3_128bits_reset(state);
    const QByteArray size = QByteArray::number(fileSize) + '\n';
    XXH3_128bits_update(state, size.constData(), size_t(size.size()));
    XXH3_128bits_update(state, head.constData(), size_t(std::min<qsizetype>(head.size(), HeadBytes)));
    XXH3_128bits_update(state, tail.constData(), size_t(tail.size()));
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, XXH3_128bits_digest(state));
    XXH3_freeState(state);
    return QStringLiteral("xxh3:") + QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(canonical.digest), sizeof(canonical.digest)).toHex());
}

QString QuickHash::legacyOf(qint64 fileSize, const QByteArray &head, const QByteArray &tail)
{
    Sha256 hash;
    const QByteArray size = QByteArray::number(fileSize) + '\n';
    hash.add(size);
    hash.add(head.constData(), std::min<qsizetype>(head.size(), HeadBytes));
    hash.add(tail);
    return hash.hex();
}

QString QuickHash::ofData(const QByteArray &data)
{
    const qsizetype tailSize = std::min<qsizetype>(data.size(), TailBytes);
    return of(data.size(), data.left(HeadBytes), data.right(tailSize));
}

} // namespace Keepsake
