// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

struct evp_pkey_st;

namespace Keepsake {

// The lab's Ed25519 key (DESIGN.md, "Disc"): made at first use in the data folder
// (lab-key.pem, readable by the owner only); it signs every disc manifest, and a disc
// brought back counts as the lab's own only when its manifest verifies with it.
class LabKey
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::LabKey)

public:
    static QString fileName() { return QStringLiteral("lab-key.pem"); }

    // Loads DIR/lab-key.pem, making it first when it is missing (to sign a disc).
    static Result<LabKey> loadOrCreate(const QString &dataDir);
    // Loads DIR/lab-key.pem and never makes one (to check a disc): a missing key is
    // Error::Kind::NotFound, as this lab has made no disc that could be checked yet.
    static Result<LabKey> load(const QString &dataDir);
    // Another key of the chain, known by its public key only (32 raw bytes): it
    // verifies, it never signs.
    static Result<LabKey> fromPublicKey(const QByteArray &publicKey);

    QByteArray publicKey() const { return m_public; }   // 32 raw bytes
    bool canSign() const { return m_private.size() == 32; }
    QString keyId() const;                              // 16 hex digits of its SHA-256
    Result<QByteArray> sign(const QByteArray &message) const;   // 64 bytes
    bool verify(const QByteArray &message, const QByteArray &signature) const;

private:
    static Result<LabKey> fromKey(evp_pkey_st *key, const QString &path);   // OpenSSL's EVP_PKEY

    QByteArray m_private;   // 32 raw bytes
    QByteArray m_public;
};

} // namespace Keepsake
