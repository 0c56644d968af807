// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "catalog/PhoneUploads.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>

namespace Keepsake {

class HandinReception;
class Lab;

// A phone's hand-in through the upload address a kiosk showed (issue 16): the address
// names the customer; the phone's page offers its photos by SHA-256, sends the new
// ones in pieces and finishes, through the same reception as a remote kiosk's card
// (HandinReception: spooled, verified, then the same hand-in and dedup as a card).
// The upload's row follows along, so that the kiosk shows the photos arriving.
class PhoneHandins : public QObject
{
    Q_OBJECT

public:
    PhoneHandins(const Lab &lab, HandinReception &reception, QObject *parent = nullptr);

    // {"state", "customer", "expires", "language", "files", "records", "summary", "error"}
    Result<QJsonObject> state(const QString &token);
    Result<QJsonArray> offer(const QString &token, const QJsonArray &files);
    Result<QJsonObject> receive(const QString &token, const QString &path, qint64 offset, const QByteArray &bytes,
                                const QString &sha256);
    Status finish(const QString &token);

private:
    Result<PhoneUpload> takingFiles(const QString &token) const;
    // The reception of the upload's hand-in, opened with its first offer.
    Result<QString> reception(PhoneUpload &upload);
    static QString owner(const PhoneUpload &upload);
    // Hand-ins that ended: their uploads are done (or failed) with their summary.
    void settle();

    const Lab &m_lab;
    HandinReception &m_reception;
    QHash<qint64, QString> m_ingesting;   // upload → its reception, while the hand-in runs
};

} // namespace Keepsake
