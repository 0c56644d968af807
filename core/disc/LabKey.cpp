// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "LabKey.h"

#include "DiscLog.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

namespace Keepsake {

namespace {

struct KeyFree { void operator()(EVP_PKEY *key) const { EVP_PKEY_free(key); } };
struct CtxFree { void operator()(EVP_MD_CTX *ctx) const { EVP_MD_CTX_free(ctx); } };
struct BioFree { void operator()(BIO *bio) const { BIO_free(bio); } };
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

QByteArray rawKey(EVP_PKEY *key, bool isPrivate)
{
    size_t length = 32;
    QByteArray raw(32, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    const int ok = isPrivate ? EVP_PKEY_get_raw_private_key(key, out, &length)
                             : EVP_PKEY_get_raw_public_key(key, out, &length);
    return ok == 1 && length == 32 ? raw : QByteArray();
}

Result<QByteArray> pemOf(EVP_PKEY *key)
{
    std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return Error::failure(LabKey::tr("The lab key could not be encoded."));
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, qsizetype(length));
}

Result<Key> readKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error::failure(LabKey::tr("The lab key %1 cannot be read: %2. Check its owner and permissions.")
                                  .arg(path, file.errorString()));
    const QByteArray pem = file.readAll();
    std::unique_ptr<BIO, BioFree> bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    Key key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_id(key.get()) != EVP_PKEY_ED25519)
        return Error::failure(LabKey::tr("The lab key %1 is damaged: it is not an Ed25519 key. Restore it from a "
                                         "backup; without it the lab's discs cannot be appended to.").arg(path));
    return key;
}

Result<Key> makeKey(const QString &dataDir, const QString &path)
{
    EVP_PKEY *made = nullptr;
    std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
        EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr), &EVP_PKEY_CTX_free);
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) != 1 || EVP_PKEY_keygen(ctx.get(), &made) != 1)
        return Error::failure(LabKey::tr("A lab key could not be made."));
    Key key(made);
    const Result<QByteArray> pem = pemOf(key.get());
    if (!pem)
        return pem.error();
    QDir().mkpath(dataDir);
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly)
        || !out.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)
        || out.write(*pem) != pem->size() || !out.commit())
        return Error::failure(LabKey::tr("The lab key could not be saved to %1: %2").arg(path, out.errorString()));
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    qCInfo(lcDisc) << "Made the lab key" << path;
    return key;
}

} // namespace

Result<LabKey> LabKey::loadOrCreate(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(fileName());
    const Result<Key> key = QFileInfo::exists(path) ? readKey(path) : makeKey(dataDir, path);
    if (!key)
        return key.error();
    return fromKey(key->get(), path);
}

Result<LabKey> LabKey::load(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(fileName());
    if (!QFileInfo::exists(path))
        return Error::notFound(tr("This lab has no key yet (%1): it has made no disc, so no disc can be checked "
                                  "as its own yet.").arg(path));
    const Result<Key> key = readKey(path);
    if (!key)
        return key.error();
    return fromKey(key->get(), path);
}

Result<LabKey> LabKey::fromKey(EVP_PKEY *key, const QString &path)
{
    LabKey labKey;
    labKey.m_private = rawKey(key, true);
    labKey.m_public = rawKey(key, false);
    if (labKey.m_private.isEmpty() || labKey.m_public.isEmpty())
        return Error::failure(tr("The lab key %1 could not be used.").arg(path));
    return labKey;
}

Result<LabKey> LabKey::fromPublicKey(const QByteArray &publicKey)
{
    if (publicKey.size() != 32)
        return Error::failure(tr("A lab key of the chain is damaged in the catalog: its public key has %1 bytes, "
                                 "not 32.").arg(publicKey.size()));
    LabKey labKey;
    labKey.m_public = publicKey;
    return labKey;
}

QString LabKey::keyId() const
{
    return QString::fromLatin1(QCryptographicHash::hash(m_public, QCryptographicHash::Sha256).toHex().left(16));
}

Result<QByteArray> LabKey::sign(const QByteArray &message) const
{
    if (!canSign())
        return Error::failure(tr("The disc manifest could not be signed: this is another device's key, known "
                                 "here by its public half only."));
    Key key(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr,
                                         reinterpret_cast<const unsigned char *>(m_private.constData()), 32));
    std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
    QByteArray signature(64, '\0');
    size_t length = 64;
    if (!key || !ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                          reinterpret_cast<const unsigned char *>(message.constData()), size_t(message.size())) != 1)
        return Error::failure(tr("The disc manifest could not be signed."));
    return signature;
}

bool LabKey::verify(const QByteArray &message, const QByteArray &signature) const
{
    Key key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr,
                                        reinterpret_cast<const unsigned char *>(m_public.constData()), 32));
    std::unique_ptr<EVP_MD_CTX, CtxFree> ctx(EVP_MD_CTX_new());
    return key && ctx && signature.size() == 64
           && EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, key.get()) == 1
           && EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.constData()), 64,
                               reinterpret_cast<const unsigned char *>(message.constData()),
                               size_t(message.size())) == 1;
}

} // namespace Keepsake
