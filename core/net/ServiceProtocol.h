// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Keepsake {

// What a device service and its clients agree on (DESIGN.md, "Network"): every path
// lives under /v1/, every body is JSON but the bytes of a photo, every error is a
// JSON object {"error": {"code", "message"}} with an HTTP status that says its kind.
namespace ServiceProtocol {

inline constexpr char ApiPrefix[] = "/v1/";
inline constexpr char HealthPath[] = "/health";
// A terminal's token goes as "Authorization: Bearer TOKEN"; a kiosk's signed-in
// customer adds their session as this header.
inline constexpr char SessionHeader[] = "X-Keepsake-Session";

// A photo's bytes go in pieces of at most this size, one request each: the server
// (QHttpServer 6.4 holds a request's body in memory) never holds more per request.
inline constexpr qint64 ChunkBytes = qint64(8) << 20;
// Any request larger than this (a piece and its headers) is cut off unread.
inline constexpr qint64 MaxRequestBytes = ChunkBytes + (qint64(256) << 10);
// JSON bodies (offers of a card's files, sign-in) are smaller than this.
inline constexpr qint64 MaxJsonBytes = qint64(4) << 20;

// A thumbnail a device is still making or fetching is answered 202 with
// {"pending": true}: the client asks again after PendingPollMs, for at most PendingWaitMs.
inline constexpr int PendingPollMs = 200;
inline constexpr int PendingWaitMs = 15'000;
QJsonObject pendingBody();
bool isPending(const QByteArray &answer);

// HTTP status for an error's kind, and back (a client turns a status into an Error).
int statusFor(Error::Kind kind);
Error::Kind kindFor(int status);

QJsonObject errorBody(const QString &code, const QString &message);
// The error a response's body and status describe; the status alone when the body says nothing.
Error errorFrom(int status, const QByteArray &body);

// A path relative to a card's root as a client sends it: forward slashes, no empty,
// "." or ".." segment, not absolute, no control characters, no backslash. Empty when
// it is none of that (the request is refused).
QString safeRelativePath(const QString &path);

// The error body's code for an error's kind: "failed", "bad_request", "not_found",
// "refused", "cancelled".
QString errorCode(Error::Kind kind);
// A request's body as a JSON object; Error::Kind::Usage when too large or not one.
Result<QJsonObject> jsonBody(const QByteArray &body);

// Whether a path's parts match a route's pattern ("{}" matches any one part, which
// goes into captures, in order).
bool matchPath(const QStringList &pattern, const QStringList &parts, QStringList &captures);

} // namespace ServiceProtocol

} // namespace Keepsake
