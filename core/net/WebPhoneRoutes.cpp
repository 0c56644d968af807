// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The phone's side of a hand-in by QR code (issue 16): the upload address's token is
// the phone's only credential, good for one hand-in of the customer it names.
#include "PhoneHandins.h"
#include "ServiceProtocol.h"
#include "WebFront.h"
#include "WebRoutes.h"

namespace Keepsake::WebRoutes {

namespace {

using Method = QHttpServerRequest::Method;
using Access = WebFront::Access;

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebPhoneRoutes)
};

// What a phone's page is told when its address is gone: 410, so that it stops.
WebReply failUpload(const Error &error)
{
    WebReply reply = WebReply::fail(error);
    if (error.kind() == Error::Kind::Refused)
        reply.status = 410;
    return reply;
}

WebReply receive(PhoneHandins &handins, WebFront::Call &call)
{
    bool offsetValid = false;
    const qint64 offset = call.query(QStringLiteral("offset")).toLongLong(&offsetValid);
    const QString path = call.query(QStringLiteral("path"));
    if (!offsetValid || offset < 0 || path.isEmpty())
        return WebReply::fail(Error::usage(Tr::tr("A piece of a photo needs its path and offset.")));
    const QByteArray bytes = call.http.body();
    if (bytes.size() > ServiceProtocol::ChunkBytes)
        return WebReply::fail(Error::usage(Tr::tr("A piece of %1 is larger than the device takes: send smaller pieces.").arg(path)));
    const Result<QJsonObject> received =
        handins.receive(call.captures.at(0), path, offset, bytes, call.query(QStringLiteral("sha256")));
    if (!received) {
        // The device holds a different amount of the file: the page sends from there.
        if (received.error().kind() == Error::Kind::Cancelled)
            return WebReply::fail(409, QStringLiteral("conflict"), received.error().message());
        return failUpload(received.error());
    }
    return WebReply::json(*received);
}

} // namespace

void addUploads(WebFront &front, PhoneHandins &handins)
{
    front.route(Method::Get, QStringLiteral("uploads/{}"), Access::Anyone, [&handins](WebFront::Call &call) {
        const Result<QJsonObject> state = handins.state(call.captures.at(0));
        if (!state)
            return WebReply::fail(state.error());
        if (state->value(QStringLiteral("state")).toString() == QLatin1String("expired"))
            return WebReply::json(*state, 410);
        return WebReply::json(*state);
    });
    front.route(Method::Post, QStringLiteral("uploads/{}/offers"), Access::Anyone, [&handins](WebFront::Call &call) {
        const Result<QJsonObject> body = call.json();
        if (!body)
            return WebReply::fail(body.error());
        const Result<QJsonArray> answers = handins.offer(call.captures.at(0), body->value(QStringLiteral("files")).toArray());
        return answers ? WebReply::json({ { QStringLiteral("answers"), *answers } }) : failUpload(answers.error());
    });
    front.route(Method::Put, QStringLiteral("uploads/{}/files"), Access::Anyone,
                [&handins](WebFront::Call &call) { return receive(handins, call); });
    front.route(Method::Post, QStringLiteral("uploads/{}/finish"), Access::Anyone, [&handins](WebFront::Call &call) {
        const Status finished = handins.finish(call.captures.at(0));
        return finished ? WebReply::json({ { QStringLiteral("ok"), true } }) : failUpload(finished.error());
    });
}

} // namespace Keepsake::WebRoutes
