// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WebReply.h"
#include "base/Error.h"
#include "catalog/WebSessions.h"
#include "web/WebLanguage.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHttpServerRequest>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace Keepsake {

class Lab;

// The customers' web page on the device service (DESIGN.md, "Network"; claims 11, 12,
// 16, 17): the page's own files, the one-time links of mails, and its API below
// /web/v1/, authenticated by a session cookie instead of a terminal token. Handlers get
// the signed-in person and call core's operations with their actor.
class WebFront
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::WebFront)

public:
    static constexpr char CookieName[] = "ks_web";
    // Where the page lives: the one place besides /health that answers without a token
    // (its API wants a session cookie instead). Mails link below it (l/TOKEN), phones
    // hand in below it (u/TOKEN).
    static constexpr char PagePath[] = "/web/";

    // One request as a handler sees it.
    struct Call
    {
        const QHttpServerRequest &http;
        QStringList captures;
        QHostAddress address;
        std::optional<WebPerson> person;   // for Access::Person routes
        QString sessionToken;
        QString language;                  // the language to answer in

        QString query(const QString &name) const;
        Result<QJsonObject> json() const;
    };
    using Handler = std::function<WebReply(Call &)>;
    enum class Access { Anyone, Person };

    explicit WebFront(const Lab &lab);
    ~WebFront();

    // Whether the path is the page's: "/web", "/web/..." (its files, u/, l/, v1/).
    static bool isWebPath(const QString &path);
    // pattern: the path below /web/v1/, "{}" for a part the handler gets in captures.
    void route(QHttpServerRequest::Method method, const QString &pattern, Access access, Handler handler);
    WebReply answer(const QHttpServerRequest &request, const QHostAddress &address);

    const Lab &lab() const { return m_lab; }
    WebLanguage &languages() { return m_languages; }
    static QByteArray sessionCookie(const QString &token);
    static QByteArray endedCookie();

private:
    struct Route
    {
        QHttpServerRequest::Method method;
        QStringList parts;
        Access access;
        Handler handler;
    };
    WebReply api(const QHttpServerRequest &request, const QHostAddress &address);
    WebReply page(const QString &below) const;
    WebReply link(const QString &token);
    static QString cookie(const QHttpServerRequest &request);

    const Lab &m_lab;
    std::vector<Route> m_routes;
    WebLanguage m_languages;
};

} // namespace Keepsake
