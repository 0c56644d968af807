// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "JsonRecords.h"
#include "net/IngestWire.h"
#include "net/LabRecords.h"

#include "base/ByteSize.h"
#include "base/Time.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"
#include "ingest/IngestTypes.h"
#include "retention/ExpiryReason.h"

#include <QCoreApplication>
#include <QLocale>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::Records)
};

} // namespace

QJsonObject customerJson(const Customer &c)
{
    return LabRecords::customer(c);
}

QJsonObject albumJson(const AlbumSummary &a)
{
    return LabRecords::album(a);
}

QString albumLine(const AlbumSummary &a)
{
    return Tr::tr("%1  %2  [%3]  %n photo(s), %4 — %5", nullptr, a.photos)
        .arg(a.id)
        .arg(a.title, albumStateText(a.state), formatBytes(a.bytes), expiryReasonText(a));
}

QJsonObject photoJson(const PhotoRecord &p)
{
    return LabRecords::photo(p);
}

QString photoLine(const PhotoRecord &p)
{
    QString line = QStringLiteral("%1  %2  %3  %4").arg(p.id).arg(p.name, p.taken.isEmpty() ? Tr::tr("(no date)") : p.taken,
                                                         p.camera.isEmpty() ? Tr::tr("(unknown camera)") : p.camera);
    if (p.versionOf)
        line += Tr::tr("  — a version of photo %1").arg(*p.versionOf);
    if (!p.device.isEmpty())
        line += p.queued ? Tr::tr("  [kept on %1, on its way there]").arg(p.device) : Tr::tr("  [kept on %1]").arg(p.device);
    return line;
}

QJsonObject ingestRecordJson(const IngestRecord &r)
{
    return IngestWire::recordToJson(r);
}

// "looks like IMG_1.jpg (photo 12), handed in on 2026-12-01": a near-duplicate, kept all the same.
QString similarWords(const SimilarPhoto &similar)
{
    const QString day = similar.handedInAt.isValid() ? similar.handedInAt.toLocalTime().date().toString(Qt::ISODate)
                                                     : Tr::tr("an unknown day");
    return Tr::tr("looks like %1 (photo %2), handed in on %3").arg(similar.name).arg(similar.photoId).arg(day);
}

QString ingestRecordLine(const IngestRecord &r)
{
    switch (r.outcome) {
    case IngestOutcome::New:
        if (r.similar)
            return Tr::tr("new               %1 — %2").arg(r.path, similarWords(*r.similar));
        return Tr::tr("new               %1").arg(r.path);
    case IngestOutcome::NewVersion:
        if (r.similar)
            return Tr::tr("new version       %1 — %2; %3").arg(r.path, r.reason, similarWords(*r.similar));
        return Tr::tr("new version       %1 — %2").arg(r.path, r.reason);
    case IngestOutcome::AlreadyReceived: {
        QString line = Tr::tr("already received  %1 — the same as %2 (photo %3)")
                           .arg(r.path, r.matched->name).arg(r.matched->photoId);
        if (!r.matched->disc.isEmpty())
            line += Tr::tr(", on disc %1").arg(r.matched->disc);
        return line;
    }
    case IngestOutcome::Rejected:
        return Tr::tr("rejected          %1 — %2").arg(r.path, r.reason);
    }
    return {};
}

QJsonObject ingestSummaryJson(const IngestSummary &s)
{
    return IngestWire::summaryToJson(s);
}

} // namespace Keepsake
