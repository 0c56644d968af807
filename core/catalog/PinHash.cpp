// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PinHash.h"

#include <QByteArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStringList>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace Keepsake {

namespace {

constexpr quint64 CostN = 1 << 15;
constexpr quint64 BlockR = 8;
constexpr quint64 ParallelP = 1;
constexpr int HashBytes = 32;

QString encode(quint64 n, quint64 r, quint64 p, const QByteArray &salt, const QByteArray &hash)
{
    return QStringLiteral("scrypt$%1$%2$%3$%4$%5")
        .arg(n)
        .arg(r)
        .arg(p)
        .arg(QString::fromLatin1(salt.toBase64()), QString::fromLatin1(hash.toBase64()));
}

QByteArray scrypt(const QString &pin, const QByteArray &salt, quint64 n, quint64 r, quint64 p)
{
    const QByteArray secret = pin.toUtf8();
    QByteArray out(HashBytes, Qt::Uninitialized);
    const quint64 maxMemory = 128 * r * n * p + (16u << 20);
    const int ok = EVP_PBE_scrypt(secret.constData(), size_t(secret.size()),
                                  reinterpret_cast<const unsigned char *>(salt.constData()),
                                  size_t(salt.size()), n, r, p, maxMemory,
                                  reinterpret_cast<unsigned char *>(out.data()), size_t(out.size()));
    return ok == 1 ? out : QByteArray();
}

} // namespace

bool PinHash::isValidPin(const QString &pin)
{
    static const QRegularExpression digits(QStringLiteral("^[0-9]{4,8}$"));
    return digits.match(pin).hasMatch();
}

QString PinHash::random(int digits)
{
    QString pin;
    for (int i = 0; i < qBound(4, digits, 8); ++i)
        pin.append(QLatin1Char(char('0' + QRandomGenerator::system()->bounded(10))));
    return pin;
}

QString PinHash::make(const QString &pin)
{
    QByteArray salt(16, Qt::Uninitialized);
    RAND_bytes(reinterpret_cast<unsigned char *>(salt.data()), int(salt.size()));
    return encode(CostN, BlockR, ParallelP, salt, scrypt(pin, salt, CostN, BlockR, ParallelP));
}

QString PinHash::dummy()
{
    // A PIN whose scrypt output is 32 zero bytes: a chance of 2^-256.
    return encode(CostN, BlockR, ParallelP, QByteArray(16, '\x5a'), QByteArray(HashBytes, '\0'));
}

bool PinHash::verify(const QString &pin, const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 6 || parts[0] != QLatin1String("scrypt"))
        return false;
    const QByteArray salt = QByteArray::fromBase64(parts[4].toLatin1());
    const QByteArray expected = QByteArray::fromBase64(parts[5].toLatin1());
    const QByteArray actual = scrypt(pin, salt, parts[1].toULongLong(), parts[2].toULongLong(),
                                     parts[3].toULongLong());
    return actual.size() == expected.size() && !expected.isEmpty()
        && CRYPTO_memcmp(actual.constData(), expected.constData(), size_t(actual.size())) == 0;
}

} // namespace Keepsake
