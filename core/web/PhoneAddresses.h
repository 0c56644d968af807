// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"
#include "catalog/PhoneUploads.h"

#include <QCoreApplication>
#include <QJsonObject>

namespace Keepsake {

class Lab;

// The upload address a kiosk shows as a QR code (issue 16): this device's page, on the
// lab's network, with a token good for one hand-in of the signed-in customer.
class PhoneAddresses
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PhoneAddresses)

public:
    explicit PhoneAddresses(const Lab &lab) : m_lab(lab) { }

    struct Address
    {
        PhoneUpload upload;
        QString url;         // https://DEVICE/web/u/TOKEN
    };
    // For the customer, by themselves at the kiosk or by the clerk. Refused on a data
    // folder that is no device: nothing would answer the phone.
    Result<Address> open(const Actor &actor, qint64 customerId) const;
    // How the upload goes, for the kiosk that showed its address.
    Result<PhoneUpload> read(const Actor &actor, qint64 uploadId) const;

    // The record front ends show: {"id", "url"?, "state", "files", "bytes", "expires", "handin_summary", "error"}.
    static QJsonObject toJson(const PhoneUpload &upload, const QString &url = {});
    static PhoneUpload fromJson(const QJsonObject &json);

private:
    const Lab &m_lab;
};

} // namespace Keepsake
