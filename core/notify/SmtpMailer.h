// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <memory>

namespace Keepsake {

// How to reach the lab's mail server (the smtp.* settings).
struct SmtpConfig
{
    enum class StartTls { Auto, Required, Off };

    QString host;          // empty: no mail server configured
    int port = 25;
    StartTls startTls = StartTls::Auto;
    QString user;
    QString password;
    QString from;
    int timeoutSeconds = 30;

    static StartTls startTlsFromName(const QString &name);
};

// One mail, ready to go.
struct MailMessage
{
    QString from;
    QString fromName;
    QString to;
    QString toName;
    QString subject;
    QString body;          // plain text
    QString messageId;     // "<...>"
    QDateTime date;

    // RFC 5322 text: UTF-8 headers encoded per RFC 2047, the body in base64.
    QByteArray toRfc5322() const;
};

// Sends mails over SMTP through libcurl: STARTTLS when offered (auto), required or
// off; AUTH when a user is set. One connection is reused for the mails of a run.
class SmtpMailer
{
public:
    explicit SmtpMailer(SmtpConfig config);
    ~SmtpMailer();
    SmtpMailer(const SmtpMailer &) = delete;
    SmtpMailer &operator=(const SmtpMailer &) = delete;

    const SmtpConfig &config() const { return m_config; }
    // On failure the error carries what libcurl said and the server's last answer.
    Status send(const MailMessage &message);

private:
    struct Handle;
    SmtpConfig m_config;
    std::unique_ptr<Handle> m_handle;
};

} // namespace Keepsake
