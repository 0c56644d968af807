// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PhotoMetadata.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

namespace Keepsake {

namespace {

QJsonValue jsonOrNull(const QString &value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

} // namespace

bool EmbeddedPreview::showsWholePicture(QSize picture, int minimumEdge) const
{
    if (mimeType != QLatin1String("image/jpeg") || size.isEmpty() || picture.isEmpty()
        || qMax(size.width(), size.height()) < minimumEdge)
        return false;
    if (size.width() > picture.width() || size.height() > picture.height())
        return false;
    const double shape = double(size.width()) / size.height();
    const double pictureShape = double(picture.width()) / picture.height();
    return qAbs(shape - pictureShape) <= 0.02 * pictureShape;
}

bool PhotoIdentity::isUsable() const
{
    if (!imageUniqueId.isEmpty())
        return true;
    if (dateTimeOriginal.isEmpty())
        return false;
    return !make.isEmpty() || !model.isEmpty() || !bodySerial.isEmpty()
        || !subSecTimeOriginal.isEmpty();
}

QString PhotoIdentity::key() const
{
    const QJsonArray fields { jsonOrNull(make),          jsonOrNull(model),
                              jsonOrNull(bodySerial),    jsonOrNull(dateTimeOriginal),
                              jsonOrNull(subSecTimeOriginal), jsonOrNull(imageUniqueId) };
    return QString::fromUtf8(QJsonDocument(fields).toJson(QJsonDocument::Compact));
}

QString CaptureTime::toIso() const
{
    if (!local.isValid())
        return {};
    QString iso = local.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    QString digits;
    for (const QChar c : subSeconds) {
        if (!c.isDigit())
            break;
        digits.append(c);
    }
    if (!digits.isEmpty())
        iso += QLatin1Char('.') + digits;
    return iso + offset;
}

QString PhotoMetadata::camera() const
{
    const QString make = identity.make;
    const QString model = identity.model;
    if (make.isEmpty())
        return model;
    if (model.isEmpty())
        return make;
    // "NIKON CORPORATION" + "NIKON D70" → "NIKON D70"; "Canon" + "Canon EOS 5D" → "Canon EOS 5D"
    const QString makeWord = make.section(QLatin1Char(' '), 0, 0);
    if (model.startsWith(make, Qt::CaseInsensitive)
        || model.startsWith(makeWord, Qt::CaseInsensitive))
        return model;
    return make + QLatin1Char(' ') + model;
}

} // namespace Keepsake
