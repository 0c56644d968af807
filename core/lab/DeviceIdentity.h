// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Keepsake {

// The TLS identity of a data folder that serves as a device (CLI.md, "Network"): an
// ECDSA P-256 key (DIR/device-key.pem, 0600) and a self-signed certificate
// (DIR/device-cert.pem) naming the device. Clients and the chain's other devices pin
// the certificate's SHA-256 fingerprint; its dates are never what trust rests on.
class DeviceIdentity
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::DeviceIdentity)

public:
    static QString keyFileName() { return QStringLiteral("device-key.pem"); }
    static QString certificateFileName() { return QStringLiteral("device-cert.pem"); }

    // Makes a new key and certificate for device NAME reachable at HOST (a name or an
    // address, put into the certificate's subject alternative names). Refuses when the
    // data folder already has an identity: a device keeps its fingerprint.
    static Result<DeviceIdentity> create(const QString &dataDir, const QString &name, const QString &host);
    // Reads the folder's identity; Error::Kind::NotFound when the folder is no device.
    static Result<DeviceIdentity> load(const QString &dataDir);

    const QByteArray &certificatePem() const { return m_certificatePem; }
    const QByteArray &keyPem() const { return m_keyPem; }
    QString fingerprint() const;   // 64 lower-case hex digits, no colons

    // SHA-256 of a certificate (DER) as 64 lower-case hex digits.
    static QString fingerprintOf(const QByteArray &certificateDer);
    // A fingerprint as typed (colons, upper case) made canonical; empty if it is none.
    static QString normalizedFingerprint(const QString &typed);

private:
    QByteArray m_certificatePem;
    QByteArray m_keyPem;
};

} // namespace Keepsake
