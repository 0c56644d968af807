// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ClientMode.h"

#include "Command.h"
#include "base/ByteSize.h"
#include "net/DeviceClient.h"

#include <QJsonArray>
#include <QUrl>

namespace Keepsake::ClientMode {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ClientMode)
};

QString albumLine(const QJsonObject &a)
{
    return Tr::tr("%1  %2  [%3]  %n photo(s), %4 — %5", nullptr, a.value(QStringLiteral("photos")).toInt())
        .arg(a.value(QStringLiteral("id")).toInteger())
        .arg(a.value(QStringLiteral("title")).toString(), a.value(QStringLiteral("state")).toString(),
             formatBytes(a.value(QStringLiteral("bytes")).toInteger()), a.value(QStringLiteral("reason")).toString());
}

QString photoLine(const QJsonObject &p)
{
    return QStringLiteral("%1  %2  %3  %4").arg(p.value(QStringLiteral("id")).toInteger())
        .arg(p.value(QStringLiteral("name")).toString(),
             p.value(QStringLiteral("taken")).toString(Tr::tr("(no date)")),
             p.value(QStringLiteral("camera")).toString(Tr::tr("(unknown camera)")));
}

} // namespace

int albums(CtlContext &context, DeviceClient &device, const QString &customer, bool all)
{
    QUrlQuery query;
    if (all)
        query.addQueryItem(QStringLiteral("all"), QStringLiteral("1"));
    const Result<QJsonValue> answer =
        device.get(QStringLiteral("customers/%1/albums").arg(QString::fromLatin1(QUrl::toPercentEncoding(customer))), query);
    if (!answer)
        return context.fail(answer.error());
    const QJsonArray albums = answer->toObject().value(QStringLiteral("albums")).toArray();
    qint64 photos = 0;
    qint64 bytes = 0;
    for (const QJsonValue &value : albums) {
        const QJsonObject album = value.toObject();
        context.console.item(album, albumLine(album));
        photos += album.value(QStringLiteral("photos")).toInteger();
        bytes += album.value(QStringLiteral("bytes")).toInteger();
    }
    context.console.summary({ { QStringLiteral("albums"), albums.size() }, { QStringLiteral("photos"), photos },
                              { QStringLiteral("bytes"), bytes } },
                            Tr::tr("%n album(s)", nullptr, int(albums.size())));
    return ExitDone;
}

int photos(CtlContext &context, DeviceClient &device, const QString &album)
{
    const Result<QJsonValue> answer =
        device.get(QStringLiteral("albums/%1/photos").arg(QString::fromLatin1(QUrl::toPercentEncoding(album))));
    if (!answer)
        return context.fail(answer.error());
    const QJsonObject object = answer->toObject();
    const QJsonArray photos = object.value(QStringLiteral("photos")).toArray();
    qint64 bytes = 0;
    for (const QJsonValue &value : photos) {
        context.console.item(value.toObject(), photoLine(value.toObject()));
        bytes += value.toObject().value(QStringLiteral("size")).toInteger();
    }
    context.console.summary({ { QStringLiteral("album"), object.value(QStringLiteral("album")) },
                              { QStringLiteral("photos"), photos.size() }, { QStringLiteral("bytes"), bytes } },
                            Tr::tr("%n photo(s) in album %1", nullptr, int(photos.size()))
                                .arg(object.value(QStringLiteral("title")).toString()));
    return ExitDone;
}

int status(CtlContext &context, DeviceClient &device)
{
    const Result<QJsonValue> answer = device.get(QStringLiteral("status"));
    if (!answer)
        return context.fail(answer.error());
    const QJsonObject o = answer->toObject();
    context.console.summary(o, Tr::tr("Device:    %1\nCustomers: %2\nPhotos:    %3 in %4 stored files, %5")
                                   .arg(device.endpoint().url.toString())
                                   .arg(o.value(QStringLiteral("customers")).toInteger())
                                   .arg(o.value(QStringLiteral("photos")).toInteger())
                                   .arg(o.value(QStringLiteral("stored_files")).toInteger())
                                   .arg(formatBytes(o.value(QStringLiteral("stored_bytes")).toInteger())));
    return ExitDone;
}

int queue(CtlContext &context, DeviceClient &device)
{
    const Result<QJsonValue> answer = device.get(QStringLiteral("queue"));
    if (!answer)
        return context.fail(answer.error());
    const QJsonArray items = answer->toObject().value(QStringLiteral("queue")).toArray();
    for (const QJsonValue &value : items) {
        const QJsonObject item = value.toObject();
        context.console.item(item, Tr::tr("photo %1 to %2, waiting since %3, %4 attempt(s)%5")
                                       .arg(item.value(QStringLiteral("photo")).toInteger())
                                       .arg(item.value(QStringLiteral("to")).toString(),
                                            item.value(QStringLiteral("since")).toString())
                                       .arg(item.value(QStringLiteral("attempts")).toInt())
                                       .arg(item.value(QStringLiteral("last_error")).isString()
                                                ? QStringLiteral(": ") + item.value(QStringLiteral("last_error")).toString()
                                                : QString()));
    }
    context.console.summary({ { QStringLiteral("queued"), items.size() } },
                            Tr::tr("%n photo(s) waiting to be forwarded", nullptr, int(items.size())));
    return ExitDone;
}

} // namespace Keepsake::ClientMode
