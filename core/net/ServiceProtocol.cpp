// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceProtocol.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace Keepsake::ServiceProtocol {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::ServiceProtocol)
};

constexpr qsizetype MaxPathLength = 1024;
constexpr qsizetype MaxSegments = 32;

} // namespace

int statusFor(Error::Kind kind)
{
    switch (kind) {
    case Error::Kind::Usage: return 400;
    case Error::Kind::NotFound: return 404;
    case Error::Kind::Refused: return 403;
    case Error::Kind::Cancelled: return 409;
    case Error::Kind::Failure: break;
    }
    return 500;
}

Error::Kind kindFor(int status)
{
    switch (status) {
    case 400: case 413: case 422: return Error::Kind::Usage;
    case 404: return Error::Kind::NotFound;
    case 401: case 403: return Error::Kind::Refused;
    case 409: return Error::Kind::Cancelled;
    default: return Error::Kind::Failure;
    }
}

QJsonObject pendingBody()
{
    return { { QStringLiteral("pending"), true } };
}

bool isPending(const QByteArray &answer)
{
    return answer.startsWith('{') && QJsonDocument::fromJson(answer).object().value(QStringLiteral("pending")).toBool();
}

QString errorCode(Error::Kind kind)
{
    static const char *const codes[] = { "failed", "bad_request", "not_found", "refused", "cancelled" };
    return QString::fromLatin1(codes[int(kind)]);
}

Result<QJsonObject> jsonBody(const QByteArray &body)
{
    if (body.size() > MaxJsonBytes)
        return Error::usage(QCoreApplication::translate("Keepsake::ServiceCall", "The request is too large."));
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return Error::usage(QCoreApplication::translate("Keepsake::ServiceCall", "The request's body is not a JSON object."));
    return document.object();
}

bool matchPath(const QStringList &pattern, const QStringList &parts, QStringList &captures)
{
    if (pattern.size() != parts.size())
        return false;
    QStringList captured;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        if (pattern.at(i) == QLatin1String("{}"))
            captured.append(parts.at(i));
        else if (pattern.at(i) != parts.at(i))
            return false;
    }
    captures = captured;
    return true;
}

QJsonObject errorBody(const QString &code, const QString &message)
{
    return { { QStringLiteral("error"), QJsonObject { { QStringLiteral("code"), code },
                                                      { QStringLiteral("message"), message } } } };
}

Error errorFrom(int status, const QByteArray &body)
{
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject();
    QString message = error.value(QStringLiteral("message")).toString();
    if (message.isEmpty())
        message = Tr::tr("The device answered HTTP %1.").arg(status);
    return Error(kindFor(status), message);
}

QString safeRelativePath(const QString &path)
{
    if (path.isEmpty() || path.size() > MaxPathLength || path.startsWith(QLatin1Char('/'))
        || path.contains(QLatin1Char('\\')))
        return {};
    for (const QChar c : path) {
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return {};
    }
    const QStringList segments = path.split(QLatin1Char('/'));
    if (segments.size() > MaxSegments)
        return {};
    for (const QString &segment : segments) {
        if (segment.isEmpty() || segment == QLatin1String(".") || segment == QLatin1String(".."))
            return {};
    }
    return path;
}

} // namespace Keepsake::ServiceProtocol
