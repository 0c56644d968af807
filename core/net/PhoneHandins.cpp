// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhoneHandins.h"

#include "HandinReception.h"
#include "NetLog.h"
#include "base/Time.h"
#include "catalog/Customers.h"
#include "lab/Lab.h"

#include <QJsonDocument>

namespace Keepsake {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::PhoneHandins)
};

} // namespace

PhoneHandins::PhoneHandins(const Lab &lab, HandinReception &reception, QObject *parent)
    : QObject(parent), m_lab(lab), m_reception(reception)
{
    connect(&reception, &HandinReception::handinFinished, this, &PhoneHandins::settle);
}

QString PhoneHandins::owner(const PhoneUpload &upload)
{
    return QStringLiteral("phone:%1").arg(upload.id);
}

Result<PhoneUpload> PhoneHandins::takingFiles(const QString &token) const
{
    Result<PhoneUpload> upload = PhoneUploads(m_lab.catalog()).byToken(token);
    if (!upload)
        return upload;
    if (!upload->takesFiles(m_lab.clock().now()))
        return Error::refused(Tr::tr("This upload address takes no more photos (it was used, or 15 minutes have "
                                     "passed): ask the kiosk for a new code."));
    return upload;
}

Result<QString> PhoneHandins::reception(PhoneUpload &upload)
{
    if (upload.state != QLatin1String("open"))
        return upload.handinRef;
    const Result<Customer> customer = Customers(m_lab.catalog()).byId(upload.customerId);
    if (!customer)
        return customer.error();
    HandinReception::Opening opening;
    opening.customerCode = customer->code;
    opening.source = QStringLiteral("phone");
    opening.actor = Actor::customer(upload.customerId, QStringLiteral("phone"));
    opening.owner = owner(upload);
    const Result<QString> id = m_reception.open(opening);
    if (!id)
        return id;
    if (Status begun = PhoneUploads(m_lab.catalog()).begin(upload.id, *id, m_lab.clock().now()); !begun) {
        if (Status dropped = m_reception.cancel(*id, opening.owner); !dropped)
            qCWarning(lcNet) << "Hand-in" << *id << "stays open:" << dropped.error().message();
        return begun.error();
    }
    upload.state = QStringLiteral("receiving");
    upload.handinRef = *id;
    return id;
}

Result<QJsonArray> PhoneHandins::offer(const QString &token, const QJsonArray &files)
{
    Result<PhoneUpload> upload = takingFiles(token);
    if (!upload)
        return upload.error();
    const Result<QString> id = reception(*upload);
    if (!id)
        return id.error();
    return m_reception.offer(*id, owner(*upload), files);
}

Result<QJsonObject> PhoneHandins::receive(const QString &token, const QString &path, qint64 offset,
                                          const QByteArray &bytes, const QString &sha256)
{
    Result<PhoneUpload> upload = takingFiles(token);
    if (!upload)
        return upload.error();
    if (upload->state != QLatin1String("receiving"))
        return Error::usage(Tr::tr("Offer %1 before sending it.").arg(path));
    Result<QJsonObject> received = m_reception.receiveNow(upload->handinRef, owner(*upload), path, offset, bytes, sha256);
    // This piece completed the file (a complete file takes no more pieces).
    if (received && received->value(QStringLiteral("complete")).toBool()) {
        if (Status counted = PhoneUploads(m_lab.catalog()).fileArrived(upload->id, offset + bytes.size(), m_lab.clock().now());
            !counted)
            return counted.error();
    }
    return received;
}

Status PhoneHandins::finish(const QString &token)
{
    Result<PhoneUpload> upload = takingFiles(token);
    if (!upload)
        return upload.error();
    const Result<QString> id = reception(*upload);
    if (!id)
        return id.error();
    if (Status finished = m_reception.finish(*id, owner(*upload)); !finished)
        return finished;
    m_ingesting.insert(upload->id, *id);
    qCInfo(lcNet) << "Phone upload" << upload->id << "hands in as" << *id;
    return PhoneUploads(m_lab.catalog()).ingesting(upload->id);
}

void PhoneHandins::settle()
{
    for (auto it = m_ingesting.begin(); it != m_ingesting.end();) {
        PhoneUpload upload;
        upload.id = it.key();
        const Result<QJsonObject> state = m_reception.state(it.value(), owner(upload), 0);
        const QString name = state ? state->value(QStringLiteral("state")).toString() : QStringLiteral("failed");
        if (name == QLatin1String("running")) {
            ++it;
            continue;
        }
        const bool ok = name == QLatin1String("done");
        const QString summary = state ? QString::fromUtf8(QJsonDocument(state->value(QStringLiteral("summary")).toObject())
                                                              .toJson(QJsonDocument::Compact)) : QString();
        const QString error = state ? state->value(QStringLiteral("error")).toString() : state.error().message();
        if (Status done = PhoneUploads(m_lab.catalog()).finish(it.key(), ok, summary, error, m_lab.clock().now()); !done)
            qCWarning(lcNet) << "Phone upload" << it.key() << "cannot be marked" << name << ":" << done.error().message();
        it = m_ingesting.erase(it);
    }
}

Result<QJsonObject> PhoneHandins::state(const QString &token)
{
    const Result<PhoneUpload> upload = PhoneUploads(m_lab.catalog()).byToken(token);
    if (!upload)
        return upload.error();
    const Result<Customer> customer = Customers(m_lab.catalog()).byId(upload->customerId);
    if (!customer)
        return customer.error();
    QString state = upload->state;
    if (state == QLatin1String("open") && !upload->takesFiles(m_lab.clock().now()))
        state = QStringLiteral("expired");
    QJsonObject answer { { QStringLiteral("state"), state },
                         { QStringLiteral("customer"), customer->name },
                         { QStringLiteral("language"), customer->language },
                         { QStringLiteral("expires"), toCatalogTime(upload->expires) },
                         { QStringLiteral("files"), upload->files },
                         { QStringLiteral("records"), QJsonArray() },
                         { QStringLiteral("summary"), QJsonValue() },
                         { QStringLiteral("error"), upload->error.isEmpty() ? QJsonValue() : QJsonValue(upload->error) } };
    if (!upload->summary.isEmpty())
        answer.insert(QStringLiteral("summary"), QJsonDocument::fromJson(upload->summary.toUtf8()).object());
    if (!upload->handinRef.isEmpty()) {
        if (const Result<QJsonObject> progress = m_reception.state(upload->handinRef, owner(*upload), 0))
            answer.insert(QStringLiteral("records"), progress->value(QStringLiteral("records")));
    }
    return answer;
}

} // namespace Keepsake
