// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhoneAddresses.h"

#include "WebLog.h"
#include "base/Time.h"
#include "lab/Lab.h"

#include <QJsonDocument>

namespace Keepsake {

Result<PhoneAddresses::Address> PhoneAddresses::open(const Actor &actor, qint64 customerId) const
{
    if (!m_lab.device() || m_lab.device()->url.isEmpty())
        return Error::usage(tr("Phones can hand in only at a lab whose data folder is a device that serves: run "
                               "keepsakectl device init, then keepsakectl serve."));
    const Result<PhoneUploads::Opened> opened =
        PhoneUploads(m_lab.catalog()).open(actor, customerId, m_lab.deviceId(), m_lab.clock().now());
    if (!opened)
        return opened.error();
    QString base = m_lab.device()->url;
    while (base.endsWith(QLatin1Char('/')))
        base.chop(1);
    qCInfo(lcWeb) << "Upload address" << opened->upload.id << "for customer" << customerId;
    return Address { opened->upload, base + QStringLiteral("/web/u/") + opened->token };
}

Result<PhoneUpload> PhoneAddresses::read(const Actor &actor, qint64 uploadId) const
{
    return PhoneUploads(m_lab.catalog()).read(actor, uploadId);
}

QJsonObject PhoneAddresses::toJson(const PhoneUpload &upload, const QString &url)
{
    QJsonObject json { { QStringLiteral("id"), upload.id },
                       { QStringLiteral("state"), upload.state },
                       { QStringLiteral("files"), upload.files },
                       { QStringLiteral("bytes"), upload.bytes },
                       { QStringLiteral("expires"), toCatalogTime(upload.expires) },
                       { QStringLiteral("handin_summary"), upload.summary.isEmpty()
                             ? QJsonValue() : QJsonValue(QJsonDocument::fromJson(upload.summary.toUtf8()).object()) },
                       { QStringLiteral("error"), upload.error.isEmpty() ? QJsonValue() : QJsonValue(upload.error) } };
    if (!url.isEmpty())
        json.insert(QStringLiteral("url"), url);
    return json;
}

PhoneUpload PhoneAddresses::fromJson(const QJsonObject &json)
{
    PhoneUpload upload;
    upload.id = json.value(QStringLiteral("id")).toInteger();
    upload.state = json.value(QStringLiteral("state")).toString();
    upload.files = json.value(QStringLiteral("files")).toInt();
    upload.bytes = json.value(QStringLiteral("bytes")).toInteger();
    upload.expires = fromCatalogTime(json.value(QStringLiteral("expires")).toString());
    if (json.value(QStringLiteral("handin_summary")).isObject())
        upload.summary = QString::fromUtf8(QJsonDocument(json.value(QStringLiteral("handin_summary")).toObject()).toJson(QJsonDocument::Compact));
    upload.error = json.value(QStringLiteral("error")).toString();
    return upload;
}

} // namespace Keepsake
