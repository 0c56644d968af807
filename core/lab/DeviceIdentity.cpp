// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DeviceIdentity.h"

#include "LabLog.h"
#include "base/PrivateFiles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSslCertificate>

#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace Keepsake {

namespace {

template<typename T, void (*Free)(T *)>
struct Deleter { void operator()(T *p) const { Free(p); } };
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

constexpr long ValidSeconds = 30L * 365 * 24 * 3600;   // pinned, so the dates matter little

QByteArray bioBytes(BIO *bio)
{
    char *data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    return QByteArray(data, qsizetype(length));
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, certificate, certificate, nullptr, nullptr, 0);
    Extension extension(X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

bool setSubject(X509 *certificate, const QString &name)
{
    X509_NAME *subject = X509_get_subject_name(certificate);
    const QByteArray common = QStringLiteral("Keepsake device %1").arg(name).toUtf8();
    return X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>("Keepsake"), -1, -1, 0) == 1
        && X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                      reinterpret_cast<const unsigned char *>(common.constData()),
                                      int(common.size()), -1, 0) == 1
        && X509_set_issuer_name(certificate, subject) == 1;
}

// A self-signed certificate for the key, naming the device and its host.
Certificate makeCertificate(EVP_PKEY *key, const QString &name, const QString &host)
{
    Certificate certificate(X509_new());
    if (!certificate || X509_set_version(certificate.get(), 2) != 1)
        return {};
    std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>> serial(BN_new());
    if (!serial || BN_rand(serial.get(), 120, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1
        || !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return {};
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -86400);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), ValidSeconds);
    const QByteArray altName = (QHostAddress(host).isNull() ? QStringLiteral("DNS:%1") : QStringLiteral("IP:%1"))
                                   .arg(host).toUtf8();
    if (X509_set_pubkey(certificate.get(), key) != 1 || !setSubject(certificate.get(), name)
        || !addExtension(certificate.get(), NID_subject_alt_name, altName)
        || !addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE")
        || !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth,clientAuth")
        || X509_sign(certificate.get(), key, EVP_sha256()) <= 0)
        return {};
    return certificate;
}

Status writePrivate(const QString &path, const QByteArray &bytes, bool secret)
{
    QSaveFile out(path);
    const QFileDevice::Permissions mode = secret ? (QFileDevice::ReadOwner | QFileDevice::WriteOwner)
                                                 : (QFileDevice::ReadOwner | QFileDevice::WriteOwner
                                                    | QFileDevice::ReadGroup | QFileDevice::ReadOther);
    if (!out.open(QIODevice::WriteOnly) || !out.setPermissions(mode) || out.write(bytes) != bytes.size()
        || !out.commit())
        return Error::failure(DeviceIdentity::tr("%1 could not be written: %2. Check the data folder's free space "
                                                 "and permissions.").arg(path, out.errorString()));
    QFile::setPermissions(path, mode);
    return Status::success();
}

} // namespace

Result<DeviceIdentity> DeviceIdentity::create(const QString &dataDir, const QString &name, const QString &host)
{
    const QString keyPath = QDir(dataDir).filePath(keyFileName());
    const QString certificatePath = QDir(dataDir).filePath(certificateFileName());
    if (QFile::exists(keyPath) || QFile::exists(certificatePath))
        return Error::refused(tr("%1 is a device already (it has %2): a device keeps its key and fingerprint. "
                                 "Use another data folder for another device.").arg(dataDir, keyFileName()));
    if (Status made = PrivateFiles::makeFolder(dataDir); !made)
        return made.error();
    Key key(EVP_EC_gen("P-256"));
    Certificate certificate = key ? makeCertificate(key.get(), name, host) : Certificate();
    Bio keyBio(BIO_new(BIO_s_mem()));
    Bio certificateBio(BIO_new(BIO_s_mem()));
    if (!certificate || !keyBio || !certificateBio
        || PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1
        || PEM_write_bio_X509(certificateBio.get(), certificate.get()) != 1)
        return Error::failure(tr("The device's key and certificate could not be made (OpenSSL)."));
    DeviceIdentity identity;
    identity.m_keyPem = bioBytes(keyBio.get());
    identity.m_certificatePem = bioBytes(certificateBio.get());
    if (Status written = writePrivate(keyPath, identity.m_keyPem, true); !written)
        return written.error();
    if (Status written = writePrivate(certificatePath, identity.m_certificatePem, false); !written) {
        QFile::remove(keyPath);
        return written.error();
    }
    qCInfo(lcLab) << "Made the device identity of" << name << "in" << dataDir;
    return identity;
}

Result<DeviceIdentity> DeviceIdentity::load(const QString &dataDir)
{
    const QString keyPath = QDir(dataDir).filePath(keyFileName());
    const QString certificatePath = QDir(dataDir).filePath(certificateFileName());
    if (!QFile::exists(keyPath) && !QFile::exists(certificatePath))
        return Error::notFound(tr("%1 is not a device: run keepsakectl device init there first.").arg(dataDir));
    QFile keyFile(keyPath);
    QFile certificateFile(certificatePath);
    if (!keyFile.open(QIODevice::ReadOnly) || !certificateFile.open(QIODevice::ReadOnly))
        return Error::failure(tr("The device's key or certificate in %1 cannot be read. Check their owner and "
                                 "permissions.").arg(dataDir));
    DeviceIdentity identity;
    identity.m_keyPem = keyFile.readAll();
    identity.m_certificatePem = certificateFile.readAll();
    if (QSslCertificate(identity.m_certificatePem, QSsl::Pem).isNull())
        return Error::failure(tr("%1 is damaged: it holds no certificate.").arg(certificatePath));
    return identity;
}

QString DeviceIdentity::fingerprint() const
{
    return fingerprintOf(QSslCertificate(m_certificatePem, QSsl::Pem).toDer());
}

QString DeviceIdentity::fingerprintOf(const QByteArray &certificateDer)
{
    return QString::fromLatin1(QCryptographicHash::hash(certificateDer, QCryptographicHash::Sha256).toHex());
}

QString DeviceIdentity::normalizedFingerprint(const QString &typed)
{
    QString hex = typed.trimmed().toLower();
    hex.remove(QLatin1Char(':'));
    static const QRegularExpression sixtyFourHex(QStringLiteral("^[0-9a-f]{64}$"));
    return sixtyFourHex.match(hex).hasMatch() ? hex : QString();
}

} // namespace Keepsake
